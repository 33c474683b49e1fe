// Loads real models as they are: the Camunda examples in conformance/realistic (which use JUEL,
// Java delegates, call activities and boundary events, so most must be refused with precise
// problems) and the BPMN MIWG reference models (a robustness check: no crash,
// every problem located).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "bpmn/load.h"

namespace ordo::bpmn {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> ModelsUnder(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::exists(dir)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".bpmn") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

bool HasProblem(const LoadResult& r, std::string_view element, std::string_view message_prefix) {
  for (const Problem& p : r.problems) {
    if (p.element == element && p.message.compare(0, message_prefix.size(), message_prefix) == 0) {
      return true;
    }
  }
  return false;
}

void Print(const fs::path& path, const LoadResult& r, size_t limit = SIZE_MAX) {
  std::cout << path.filename().string() << ": "
            << (r.ok() ? std::to_string(r.processes.size()) + " process(es) compiled"
                       : std::to_string(r.problems.size()) + " problem(s)")
            << "\n";
  for (size_t i = 0; i < r.problems.size() && i < limit; ++i) {
    std::cout << "  " << r.problems[i].ToString() << "\n";
  }
  if (r.problems.size() > limit) std::cout << "  ...\n";
}

TEST(Realistic, EveryModelLoadsOrNamesEveryProblemWithElementAndLine) {
  std::vector<fs::path> models = ModelsUnder(ORDO_REALISTIC_DIR);
  ASSERT_GE(models.size(), 9u) << "models not found under " << ORDO_REALISTIC_DIR;
  for (const fs::path& path : models) {
    SCOPED_TRACE(path.string());
    LoadResult r = Load(ReadFile(path));
    Print(path, r);
    ASSERT_NE(r.document, nullptr) << "the XML itself must read";
    if (r.ok()) {
      EXPECT_FALSE(r.processes.empty());
      continue;
    }
    EXPECT_TRUE(r.processes.empty());
    for (const Problem& p : r.problems) {
      EXPECT_FALSE(p.element.empty()) << p.ToString();
      EXPECT_GT(p.line, 0) << p.ToString();
      EXPECT_NE(r.document->FindById(p.element), nullptr) << p.ToString();
    }
  }
}

TEST(Realistic, InvoiceLoadsWithItsListenersAsWarnings) {
  // The Camunda 7 invoice example loads unchanged: JUEL is translated, the Java delegate becomes
  // a job, the call activity calls ReviewInvoice; its two JavaScript task listeners never run
  // and are named as warnings.
  fs::path path = fs::path(ORDO_REALISTIC_DIR) / "camunda-bpm-platform-invoice" / "invoice.v2.bpmn";
  LoadResult r = Load(ReadFile(path));
  ASSERT_TRUE(r.ok()) << (r.problems.empty() ? "" : r.problems[0].ToString());
  ASSERT_EQ(r.processes.size(), 1u);
  const model::Process& p = *r.processes[0];
  const model::FlowNode& archive = p.nodes[p.FindNode("ServiceTask_1")];
  ASSERT_TRUE(archive.service_task.has_value());
  EXPECT_EQ(archive.service_task->job_type, "org.camunda.bpm.example.invoice.service.ArchiveInvoiceService");
  const model::FlowNode& review = p.nodes[p.FindNode("reviewInvoice")];
  ASSERT_EQ(review.kind, model::NodeKind::kCallActivity);
  EXPECT_EQ(review.call_activity->called_element.text, "ReviewInvoice");
  EXPECT_EQ(review.call_activity->in.size(), 5u);
  ASSERT_EQ(review.call_activity->out.size(), 1u);
  EXPECT_EQ(review.call_activity->out[0].source, "clarified");
  EXPECT_FALSE(review.call_activity->all_in);
  EXPECT_TRUE(p.nodes[p.FindNode("approveInvoice")].user_task->due_date.expression.has_value());
  ASSERT_EQ(r.warnings.size(), 2u);
  EXPECT_EQ(r.warnings[0].element, "approveInvoice");
  EXPECT_EQ(r.warnings[0].line, 33);
  EXPECT_EQ(r.warnings[0].message,
            "camunda:taskListener on 'create' (javascript script) is not run: listeners never run in Ordo");
  EXPECT_EQ(r.warnings[1].line, 38);
  ASSERT_FALSE(r.document->diagrams().empty());
  EXPECT_NE(r.document->diagrams()[0].FindShape("approveInvoice"), nullptr);
}

TEST(Realistic, ReviewInvoiceLoadsWithItsDueDate) {
  // The called process of the invoice example: two user tasks; the assignee ${reviewer} and the
  // due date ${dateTime().plusDays(2).toDate()} are JUEL translated to FEEL.
  fs::path path = fs::path(ORDO_REALISTIC_DIR) / "camunda-bpm-platform-invoice" / "reviewInvoice.bpmn";
  LoadResult r = Load(ReadFile(path));
  ASSERT_TRUE(r.ok()) << (r.problems.empty() ? "" : r.problems[0].ToString());
  EXPECT_TRUE(r.warnings.empty());
  const model::Process& p = *r.processes[0];
  const model::UserTaskSpec& review = *p.nodes[p.FindNode("reviewInvoice")].user_task;
  ASSERT_TRUE(review.due_date.expression.has_value());
  EXPECT_EQ(review.due_date.expression->source(), "(now() + duration(\"P1D\") * (2))");
}

TEST(Miwg, ReferenceModelsLoadWithoutCrashingAndProblemsHaveLines) {
  std::vector<fs::path> models = ModelsUnder(fs::path(ORDO_MIWG_DIR) / "Reference");
  ASSERT_GE(models.size(), 21u) << "models not found under " << ORDO_MIWG_DIR;
  int compiled = 0;
  int refused = 0;
  for (const fs::path& path : models) {
    SCOPED_TRACE(path.string());
    LoadResult r = Load(ReadFile(path));
    Print(path, r, 4);
    ASSERT_NE(r.document, nullptr) << (r.problems.empty() ? "" : r.problems[0].ToString());
    EXPECT_FALSE(r.document->diagrams().empty()) << "every MIWG reference model has DI";
    (r.ok() ? compiled : refused)++;
    for (const Problem& p : r.problems) {
      EXPECT_GT(p.line, 0) << p.ToString();
      EXPECT_FALSE(p.message.empty());
    }
  }
  std::cout << "MIWG reference models: " << models.size() << " read, " << compiled << " compiled, " << refused
            << " refused with located problems\n";
}

}  // namespace
}  // namespace ordo::bpmn
