// libFuzzer target: what a deployment does with an uploaded document before anything is stored:
// telling DMN from BPMN by the root element, then reading and compiling it (every decision of a
// DMN document, every process of a BPMN one). Each step must return problems or a result,
// never crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bpmn/load.h"
#include "runtime/decisions.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  switch (ordo::runtime::SniffDocumentKind(text)) {
    case ordo::runtime::DocumentKind::kDmn: {
      ordo::runtime::DecisionCompileResult r = ordo::runtime::CompileDecisions(text);
      for (const auto& p : r.problems) {
        if (p.line < 1) __builtin_trap();  // every problem has a line
      }
      break;
    }
    case ordo::runtime::DocumentKind::kBpmn:
    case ordo::runtime::DocumentKind::kUnknown: {
      ordo::bpmn::LoadResult r = ordo::bpmn::Load(text);
      (void)r;
      break;
    }
  }
  return 0;
}
