// libFuzzer target for the BPMN loader: arbitrary bytes through reading, validation and
// compilation. Every outcome must be a LoadResult; every problem must carry a line >= 1.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "bpmn/load.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  ordo::bpmn::LoadOptions options;
  options.read.max_bytes = 1 << 20;
  ordo::bpmn::LoadResult result = ordo::bpmn::Load(xml, options);
  for (const ordo::bpmn::Problem& p : result.problems) {
    if (p.line < 1 || p.message.empty()) std::abort();
  }
  if (!result.problems.empty() && !result.processes.empty()) std::abort();
  return 0;
}
