#include "runtime/runtime.h"

#include "base/json.h"
#include "base/log.h"
#include "base/sha256.h"
#include "bpmn/load.h"
#include "runtime/commit_loop.h"
#include "runtime/decisions.h"
#include "runtime/projection.h"

namespace ordo::runtime {
namespace {

std::string Quoted(std::string_view s) {
  std::string out;
  json::AppendQuoted(out, s);
  return out;
}

std::string IdText(uint64_t id) { return "\"" + std::to_string(id) + "\""; }

const char* InstanceStateText(const engine::Instance& inst) {
  switch (inst.status) {
    case engine::InstanceStatus::kActive: return inst.open_incidents > 0 ? "incident" : "active";
    case engine::InstanceStatus::kCompleted: return "completed";
    case engine::InstanceStatus::kTerminated: return "terminated";
  }
  return "?";
}

// The problems of a rejected deployment as a JSON array of {element, line, message}.
std::string ProblemsJson(const std::vector<bpmn::Problem>& problems) {
  std::string out = "[";
  for (size_t i = 0; i < problems.size(); ++i) {
    if (i) out += ',';
    out += "{\"element\":";
    out += problems[i].element.empty() ? "null" : Quoted(problems[i].element);
    out += ",\"line\":" + std::to_string(problems[i].line) + ",\"message\":" + Quoted(problems[i].message) + "}";
  }
  out += ']';
  return out;
}

// Versions one process or decision of a deployment (the same rule for both kinds): when the
// newest version of (kind, key), counting those deployed earlier in this batch, came from the
// same document it answers; otherwise `fresh` becomes version + 1 and its row joins the batch.
Definition VersionDefinition(CommandContext& ctx, Definition fresh, const std::string& name,
                             const std::string& resource_name, const std::string& xml, uint64_t deployment_id) {
  std::optional<Definition> latest = ctx.definitions.Find(fresh.key, std::nullopt, fresh.kind);
  for (const Definition& d : ctx.new_definitions) {
    if (d.kind == fresh.kind && d.key == fresh.key && (!latest || d.version > latest->version)) latest = d;
  }
  if (latest && latest->xml_sha256 == fresh.xml_sha256) return *latest;
  fresh.id = ctx.keys.Next();
  fresh.version = latest ? latest->version + 1 : 1;
  store::DefinitionRow row;
  row.id = fresh.id;
  row.kind = fresh.kind;
  row.key = fresh.key;
  row.version = fresh.version;
  row.name = name;
  row.resource_name = resource_name;
  row.xml_sha256 = fresh.xml_sha256;
  row.xml = xml;
  row.deployment_id = deployment_id;
  row.deployed_at = ctx.now;
  ctx.txn.definitions.push_back(std::move(row));
  ctx.new_definitions.push_back(fresh);
  return fresh;
}

}  // namespace

Status LoadDefinitions(store::Store& store, DefinitionRegistry& registry, size_t* count) {
  ASSIGN_OR_RETURN(std::vector<store::DefinitionRow> rows, store.ListDefinitions(/*all_versions=*/true));
  for (const store::DefinitionRow& row : rows) {
    if (row.kind == store::DefinitionKind::kDecision) {
      DecisionCompileResult compiled = CompileDecisions(row.xml);
      const CompiledDecision* found = nullptr;
      for (const CompiledDecision& d : compiled.decisions) {
        if (d.key == row.key) found = &d;
      }
      if (!compiled.ok() || found == nullptr) {
        return DataLoss("stored decision " + std::to_string(row.id) + " ('" + row.key + "' version " +
                        std::to_string(row.version) + ") no longer compiles" +
                        (compiled.ok() ? std::string() : ": " + compiled.problems.front().message));
      }
      Definition def = Definition::Of(row.id, row.key, row.version, row.xml_sha256, nullptr);
      def.kind = store::DefinitionKind::kDecision;
      def.decision = found->model;
      def.output_names = found->output_names;
      def.one_item_per_rule = found->one_item_per_rule;
      def.name = row.name;
      registry.Add(std::move(def));
      continue;
    }
    bpmn::LoadResult loaded = bpmn::Load(row.xml);
    if (!loaded.ok()) {
      return DataLoss("stored definition " + std::to_string(row.id) + " ('" + row.key + "' version " +
                      std::to_string(row.version) + ") no longer compiles: " + loaded.status().message());
    }
    std::shared_ptr<const model::Process> process;
    for (const auto& p : loaded.processes) {
      if (p->key == row.key) process = p;
    }
    if (!process) return DataLoss("stored definition " + std::to_string(row.id) + " lacks process '" + row.key + "'");
    registry.Add(Definition::Of(row.id, row.key, row.version, row.xml_sha256, std::move(process)));
  }
  if (count != nullptr) *count = rows.size();
  return Status::Ok();
}

Runtime::Runtime(store::Store& store, const Clock& clock, const RuntimeOptions& options)
    : store_(store), clock_(clock), options_(options) {}

Runtime::~Runtime() = default;

Result<std::unique_ptr<Runtime>> Runtime::Open(store::Store& store, const Clock& clock, const RuntimeOptions& options) {
  std::unique_ptr<Runtime> rt(new Runtime(store, clock, options));
  size_t definitions = 0;
  RETURN_IF_ERROR(LoadDefinitions(store, rt->definitions_, &definitions));
  ASSIGN_OR_RETURN(std::optional<uint64_t> next_key, store.NextKey());
  rt->loop_ = std::make_unique<CommitLoop>(store, clock, options, rt->definitions_, next_key.value_or(1));
  RETURN_IF_ERROR(rt->loop_->Recover());
  rt->loop_->Start();
  log::Info("runtime ready on " + store.Describe() + ", " + std::to_string(definitions) + " definitions");
  return rt;
}

Runtime::Stats Runtime::stats() const { return loop_->stats(); }

std::future<Reply> Runtime::DeployDecisions(std::string xml, const std::string& resource_name, Idempotency idempotency) {
  auto compiled = std::make_shared<DecisionCompileResult>(
      std::async(std::launch::async, [&xml] { return CompileDecisions(xml); }).get());
  if (!compiled->ok()) {
    std::promise<Reply> p;
    p.set_value(Reply{bpmn::ProblemsToStatus(compiled->problems, "DMN document"), ProblemsJson(compiled->problems),
                      false});
    return p.get_future();
  }
  std::string digest = ToHex(Sha256::Of(xml));
  auto shared_xml = std::make_shared<std::string>(std::move(xml));
  return loop_->Submit(
      [compiled, digest, shared_xml, resource_name](CommandContext& ctx) -> Reply {
        uint64_t deployment_id = ctx.keys.Next();
        std::string body = "{\"id\":" + IdText(deployment_id) + ",\"processes\":[],\"decisions\":[";
        bool first = true;
        for (const CompiledDecision& d : compiled->decisions) {
          Definition fresh = Definition::Of(0, d.key, 0, digest, nullptr);
          fresh.kind = store::DefinitionKind::kDecision;
          fresh.decision = d.model;
          fresh.output_names = d.output_names;
          fresh.one_item_per_rule = d.one_item_per_rule;
          fresh.name = d.name;
          Definition def = VersionDefinition(ctx, std::move(fresh), d.name, resource_name, *shared_xml, deployment_id);
          if (!first) body += ',';
          first = false;
          body += "{\"key\":" + Quoted(def.key) + ",\"name\":" + Quoted(d.name) +
                  ",\"version\":" + std::to_string(def.version) + ",\"id\":" + IdText(def.id) + "}";
        }
        body += "],\"warnings\":[]}";
        return Reply{Status::Ok(), std::move(body), false};
      },
      std::move(idempotency));
}

std::future<Reply> Runtime::Deploy(std::string xml, std::string resource_name, Idempotency idempotency) {
  if (SniffDocumentKind(xml) == DocumentKind::kDmn) {
    return DeployDecisions(std::move(xml), std::move(resource_name), std::move(idempotency));
  }
  // Parsing and validation run beside the commit thread; only the versioning is serialised. They
  // run on a thread of their own because the reader and the FEEL parser recurse (to a bounded
  // depth) and HTTP worker threads have small stacks.
  auto loaded = std::make_shared<bpmn::LoadResult>(
      std::async(std::launch::async, [&xml] { return bpmn::Load(xml); }).get());
  if (!loaded->ok()) {
    std::promise<Reply> p;
    p.set_value(Reply{loaded->status(), ProblemsJson(loaded->problems), false});
    return p.get_future();
  }
  std::string digest = ToHex(Sha256::Of(xml));
  auto shared_xml = std::make_shared<std::string>(std::move(xml));
  return loop_->Submit(
      [loaded, digest, shared_xml, resource_name](CommandContext& ctx) -> Reply {
        uint64_t deployment_id = ctx.keys.Next();
        std::string body = "{\"id\":" + IdText(deployment_id) + ",\"processes\":[";
        bool first = true;
        for (const auto& process : loaded->processes) {
          Definition def = VersionDefinition(ctx, Definition::Of(0, process->key, 0, digest, process), process->name,
                                             resource_name, *shared_xml, deployment_id);
          if (!first) body += ',';
          first = false;
          body += "{\"key\":" + Quoted(def.key) + ",\"version\":" + std::to_string(def.version) +
                  ",\"id\":" + IdText(def.id) + "}";
        }
        body += "],\"decisions\":[],\"warnings\":" + ProblemsJson(loaded->warnings) + "}";
        return Reply{Status::Ok(), std::move(body), false};
      },
      std::move(idempotency));
}

std::future<Reply> Runtime::StartInstance(std::string process_key, std::optional<int> version,
                                          std::string business_key, model::Variables variables,
                                          Idempotency idempotency) {
  return loop_->Submit(
      [process_key = std::move(process_key), version, business_key = std::move(business_key),
       variables = std::move(variables)](CommandContext& ctx) -> Reply {
        std::optional<Definition> def = ctx.definitions.Find(process_key, version);
        if (!def) {
          return Reply{NotFound("no process with key '" + process_key + "'" +
                                (version ? " and version " + std::to_string(*version) : std::string()) +
                                " is deployed"), {}, false};
        }
        engine::CreateInstanceCommand cmd{def->id, business_key, variables};
        auto id = ctx.engine.CreateInstance(cmd, ctx.now, ctx.events);
        if (!id.ok()) return Reply{id.status(), {}, false};
        const engine::Instance& inst = *ctx.state.FindInstance(*id);
        std::string body = "{\"id\":" + IdText(*id) + ",\"processKey\":" + Quoted(def->key) +
                           ",\"version\":" + std::to_string(def->version) + ",\"state\":\"" +
                           InstanceStateText(inst) + "\"}";
        return Reply{Status::Ok(), std::move(body), false};
      },
      std::move(idempotency));
}

std::future<Reply> Runtime::CompleteTask(uint64_t task_id, model::Variables variables, Idempotency idempotency) {
  return loop_->Submit(
      [task_id, variables = std::move(variables)](CommandContext& ctx) -> Reply {
        Status s = ctx.engine.CompleteTask(task_id, variables, ctx.now, ctx.events);
        if (s.code() == StatusCode::kNotFound) {
          // Tasks of finished instances are no longer in memory: ask the store whether it ever existed.
          auto row = ctx.store.GetTask(task_id);
          if (row.ok() && row->has_value()) {
            s = FailedPrecondition("task " + std::to_string(task_id) + " is " +
                                   store::TaskStateName((*row)->state) + " already");
          }
        }
        if (!s.ok()) return Reply{s, {}, false};
        return Reply{Status::Ok(), "{\"id\":" + IdText(task_id) + ",\"state\":\"completed\"}", false};
      },
      std::move(idempotency));
}

std::future<Reply> Runtime::AcquireJobs(std::string type, std::string worker, int max, int64_t lock_ms,
                                        Idempotency idempotency) {
  return loop_->Submit(
      [type = std::move(type), worker = std::move(worker), max, lock_ms](CommandContext& ctx) -> Reply {
        auto jobs = ctx.engine.AcquireJobs(type, worker, max, lock_ms, ctx.now, ctx.events);
        if (!jobs.ok()) return Reply{jobs.status(), {}, false};
        std::string body = "{\"items\":[";
        bool first = true;
        for (const engine::AcquiredJob& job : *jobs) {
          const engine::Instance& inst = *ctx.state.FindInstance(job.instance_id);
          if (!first) body += ',';
          first = false;
          body += "{\"id\":" + IdText(job.job_id) + ",\"instance\":" + IdText(job.instance_id) +
                  ",\"type\":" + Quoted(job.type) + ",\"element\":" + Quoted(job.element) +
                  ",\"variables\":" + VariablesJson(inst.variables) +
                  ",\"retries\":" + std::to_string(job.retries) +
                  ",\"lockExpiresAt\":" + Quoted(FormatTimestamp(job.lock_expires_at)) + "}";
        }
        body += "]}";
        return Reply{Status::Ok(), std::move(body), false};
      },
      std::move(idempotency));
}

std::future<Reply> Runtime::CompleteJob(uint64_t job_id, std::string worker, model::Variables variables,
                                        Idempotency idempotency) {
  return loop_->Submit(
      [job_id, worker = std::move(worker), variables = std::move(variables)](CommandContext& ctx) -> Reply {
        Status s = ctx.engine.CompleteJob(job_id, worker, variables, ctx.now, ctx.events);
        if (s.code() == StatusCode::kNotFound) {
          auto row = ctx.store.GetJob(job_id);
          if (row.ok() && row->has_value()) {
            s = FailedPrecondition("job " + std::to_string(job_id) + " is " + store::JobStateName((*row)->state) + " already");
          }
        }
        if (!s.ok()) return Reply{s, {}, false};
        return Reply{Status::Ok(), "{\"id\":" + IdText(job_id) + ",\"state\":\"completed\"}", false};
      },
      std::move(idempotency));
}

std::future<Reply> Runtime::FailJob(uint64_t job_id, std::string worker, int retries, std::string message,
                                    int64_t backoff_ms, Idempotency idempotency) {
  return loop_->Submit(
      [job_id, worker = std::move(worker), retries, message = std::move(message), backoff_ms](CommandContext& ctx) -> Reply {
        Status s = ctx.engine.FailJob(job_id, worker, retries, message, backoff_ms, ctx.now, ctx.events);
        if (!s.ok()) return Reply{s, {}, false};
        const engine::Instance& inst = *ctx.state.FindInstance(ctx.state.JobOwner(job_id));
        const engine::Job& job = inst.jobs.at(job_id);
        std::string incident = "null";
        for (const auto& [id, inc] : inst.incidents) {
          if (inc.open && inc.job == job_id) incident = IdText(id);
        }
        return Reply{Status::Ok(),
                     "{\"id\":" + IdText(job_id) + ",\"retries\":" + std::to_string(job.retries) + ",\"state\":\"" +
                         (job.retries > 0 ? "activatable" : "failed") + "\",\"incident\":" + incident + "}",
                     false};
      },
      std::move(idempotency));
}

std::future<Reply> Runtime::ResolveIncident(uint64_t incident_id, model::Variables variables, Idempotency idempotency) {
  return loop_->Submit(
      [incident_id, variables = std::move(variables)](CommandContext& ctx) -> Reply {
        Status s = ctx.engine.ResolveIncident(incident_id, variables, ctx.now, ctx.events);
        if (s.code() == StatusCode::kNotFound) {
          auto row = ctx.store.GetIncident(incident_id);
          if (row.ok() && row->has_value()) s = FailedPrecondition("incident " + std::to_string(incident_id) + " is resolved already");
        }
        if (!s.ok()) return Reply{s, {}, false};
        return Reply{Status::Ok(), "{\"id\":" + IdText(incident_id) + ",\"state\":\"resolved\"}", false};
      },
      std::move(idempotency));
}

std::future<Reply> Runtime::CancelInstance(uint64_t instance_id, std::string reason, Idempotency idempotency) {
  return loop_->Submit(
      [instance_id, reason = std::move(reason)](CommandContext& ctx) -> Reply {
        Status s = ctx.engine.CancelInstance(instance_id, reason, ctx.now, ctx.events);
        if (s.code() == StatusCode::kNotFound) {
          auto row = ctx.store.GetInstance(instance_id);
          if (row.ok() && row->has_value()) {
            s = FailedPrecondition("instance " + std::to_string(instance_id) + " is " +
                                   store::InstanceStateName((*row)->state) + " already");
          }
        }
        if (!s.ok()) return Reply{s, {}, false};
        return Reply{Status::Ok(), "{\"id\":" + IdText(instance_id) + ",\"state\":\"terminated\"}", false};
      },
      std::move(idempotency));
}

}  // namespace ordo::runtime
