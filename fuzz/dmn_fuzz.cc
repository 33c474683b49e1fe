// libFuzzer target: the DMN reader and compiler on arbitrary bytes. Reading and compiling must
// return a Status or a model, never crash, and evaluating every decision of a model that
// compiles must terminate with a value.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dmn/decision_model.h"
#include "dmn/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ordo::Result<ordo::dmn::Definitions> definitions = ordo::dmn::ReadDefinitions(text, "fuzz.dmn");
  if (!definitions.ok()) return 0;
  ordo::Result<ordo::dmn::DecisionModel> model = ordo::dmn::DecisionModel::Compile(*definitions);
  if (!model.ok()) return 0;
  ordo::feel::MapScope inputs;
  for (const std::string& name : model->DecisionNames()) {
    ordo::Result<ordo::feel::Value> v = model->Evaluate(name, inputs);
    (void)v;
  }
  return 0;
}
