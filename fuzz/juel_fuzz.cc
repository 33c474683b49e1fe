// libFuzzer target: JUEL text translated to FEEL. Translation must return FEEL or an error with a
// column, never crash or hang; FEEL it returns must compile or be refused by the FEEL parser
// with a Status (also never a crash).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bpmn/juel.h"
#include "feel/expression.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ordo::Result<std::string> feel = ordo::bpmn::TranslateJuel(text);
  if (!feel.ok()) {
    if (feel.status().message().rfind("column ", 0) != 0) __builtin_trap();  // every error has a column
    return 0;
  }
  ordo::Result<ordo::feel::Expression> e = ordo::feel::Expression::Compile(*feel);
  (void)e;
  return 0;
}
