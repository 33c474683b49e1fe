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

TEST(Realistic, InvoiceNamesEachUnsupportedConstruct) {
  fs::path path = fs::path(ORDO_REALISTIC_DIR) / "camunda-bpm-platform-invoice" / "invoice.v2.bpmn";
  LoadResult r = Load(ReadFile(path));
  ASSERT_FALSE(r.ok());
  // The business rule task calling the DMN decision is supported: no problem names it.
  for (const Problem& p : r.problems) EXPECT_NE(p.element, "assignApprover") << p.ToString();
  EXPECT_TRUE(HasProblem(r, "reviewInvoice", "unsupported element kind 'callActivity'"));
  EXPECT_TRUE(HasProblem(r, "ServiceTask_1",
                         "unsupported service task implementation camunda:class=\""
                         "org.camunda.bpm.example.invoice.service.ArchiveInvoiceService\""));
  EXPECT_TRUE(HasProblem(r, "approveInvoice",
                         "camunda:dueDate is not supported yet (its value '${dateTime().plusWeeks(1).toDate()}' "
                         "is an expression)"));
  EXPECT_TRUE(HasProblem(r, "approveInvoice", "unsupported extension 'camunda:taskListener'"));
  // JUEL in conditions and candidate groups is translated to FEEL: no problem names those.
  for (const Problem& p : r.problems) {
    for (const char* element : {"invoiceApproved", "invoiceNotApproved", "reviewSuccessful", "reviewNotSuccessful"}) {
      EXPECT_NE(p.element, element) << p.ToString();
    }
    EXPECT_EQ(p.message.find("candidateGroups"), std::string::npos) << p.ToString();
    // The lines are those of the source.
    if (p.element == "reviewInvoice") EXPECT_EQ(p.line, 83) << p.ToString();
  }
  // The document, with its DI, is kept even though it cannot run.
  ASSERT_FALSE(r.document->diagrams().empty());
  EXPECT_NE(r.document->diagrams()[0].FindShape("approveInvoice"), nullptr);
}

TEST(Realistic, ReviewInvoiceLacksOnlyADueDate) {
  // The called process of the invoice example: two user tasks; the assignee ${reviewer} is JUEL
  // translated to FEEL, and only the due date (a Java call in JUEL) stands in the way.
  fs::path path = fs::path(ORDO_REALISTIC_DIR) / "camunda-bpm-platform-invoice" / "reviewInvoice.bpmn";
  LoadResult r = Load(ReadFile(path));
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].element, "reviewInvoice");
  EXPECT_EQ(r.problems[0].line, 17);
  EXPECT_EQ(r.problems[0].message,
            "camunda:dueDate is not supported yet (its value '${dateTime().plusDays(2).toDate()}' is an expression)");
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
