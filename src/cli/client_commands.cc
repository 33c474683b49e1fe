// deploy, start, instances, tasks, complete: thin clients of the HTTP API.
#include <fstream>
#include <iostream>
#include <sstream>

#include "base/json.h"
#include "cli/commands.h"
#include "cli/http_client.h"

namespace ordo::cli {
namespace {

// Prints a problem+json answer as "error: <detail>" plus each listed problem; returns 1.
int PrintProblem(const HttpResult& r) {
  auto parsed = json::Parse(r.body);
  if (!parsed.ok() || !parsed->is_object()) {
    std::cerr << "error: the server answered HTTP " << r.status << ": " << r.body << "\n";
    return 1;
  }
  const json::Value* detail = parsed->Find("detail");
  std::cerr << "error: " << (detail && detail->is_string() ? detail->as_string() : r.body) << " (HTTP " << r.status << ")\n";
  if (const json::Value* errors = parsed->Find("errors"); errors && errors->is_array()) {
    for (const json::Value& e : errors->as_array()) {
      const json::Value* element = e.Find("element");
      const json::Value* line = e.Find("line");
      const json::Value* message = e.Find("message");
      std::cerr << "  line " << (line && line->is_number() ? line->number_text() : "?");
      if (element && element->is_string()) std::cerr << ", element '" << element->as_string() << "'";
      std::cerr << ": " << (message && message->is_string() ? message->as_string() : "") << "\n";
    }
  }
  return 1;
}

std::string Str(const json::Value& obj, const char* name) {
  const json::Value* v = obj.Find(name);
  if (v == nullptr || v->is_null()) return "-";
  if (v->is_string()) return v->as_string();
  return json::Serialize(*v);
}

int Call(const ClientOptions& client, const std::string& method, const std::string& path, const std::string& body,
         const std::string& type, json::Value& out) {
  auto r = HttpRequest(method, client.server + path, body, type);
  if (!r.ok()) {
    std::cerr << "error: " << r.status().message() << "\n";
    return 1;
  }
  if (r->status >= 400) return PrintProblem(*r);
  if (client.json) std::cout << r->body << "\n";
  auto parsed = json::Parse(r->body);
  if (!parsed.ok()) {
    std::cerr << "error: the server answered with malformed JSON: " << parsed.status().message() << "\n";
    return 1;
  }
  out = std::move(parsed).value();
  return 0;
}

std::string UrlEncode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace

bool VarsToJson(const std::vector<std::string>& vars, std::string& out, std::string& error) {
  json::Value obj = json::Value::MakeObject();
  for (const std::string& v : vars) {
    size_t eq = v.find('=');
    if (eq == std::string::npos || eq == 0) {
      error = "--var '" + v + "' must look like name=value";
      return false;
    }
    std::string name = v.substr(0, eq);
    std::string value = v.substr(eq + 1);
    auto parsed = json::Parse(value);
    obj.Set(name, parsed.ok() ? std::move(parsed).value() : json::Value::String(value));
  }
  out = json::Serialize(obj);
  return true;
}

int Deploy(const ClientOptions& client, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "error: cannot read '" << file << "'\n";
    return 1;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string name = file.substr(file.find_last_of('/') == std::string::npos ? 0 : file.find_last_of('/') + 1);
  json::Value out;
  if (int rc = Call(client, "POST", "/api/v1/deployments?name=" + UrlEncode(name), ss.str(), "application/xml", out)) {
    return rc;
  }
  if (!client.json) {
    for (const char* kind : {"processes", "decisions"}) {
      const json::Value* list = out.Find(kind);
      if (list == nullptr || !list->is_array()) continue;
      for (const json::Value& p : list->as_array()) {
        std::cout << "deployed " << (kind[0] == 'd' ? "decision " : "") << Str(p, "key") << " version "
                  << Str(p, "version") << " (id " << Str(p, "id") << ")\n";
      }
    }
    if (const json::Value* warnings = out.Find("warnings"); warnings != nullptr && warnings->is_array()) {
      for (const json::Value& w : warnings->as_array()) {
        std::cerr << "warning: " << name << ":" << Str(w, "line") << ": " << Str(w, "element") << ": "
                  << Str(w, "message") << "\n";
      }
    }
  }
  return 0;
}

int Start(const ClientOptions& client, const std::string& key, const std::vector<std::string>& vars,
          const std::string& business_key) {
  std::string variables, error;
  if (!VarsToJson(vars, variables, error)) {
    std::cerr << "error: " << error << "\n";
    return 2;
  }
  std::string body = "{\"variables\":" + variables;
  if (!business_key.empty()) {
    body += ",\"businessKey\":";
    json::AppendQuoted(body, business_key);
  }
  body += "}";
  json::Value out;
  if (int rc = Call(client, "POST", "/api/v1/processes/" + UrlEncode(key) + "/instances", body, "application/json", out)) {
    return rc;
  }
  if (!client.json) {
    std::cout << "started instance " << Str(out, "id") << " of " << Str(out, "processKey") << " version "
              << Str(out, "version") << ": " << Str(out, "state") << "\n";
  }
  return 0;
}

int Evaluate(const ClientOptions& client, const std::string& key, const std::vector<std::string>& vars, int version) {
  std::string variables, error;
  if (!VarsToJson(vars, variables, error)) {
    std::cerr << "error: " << error << "\n";
    return 2;
  }
  std::string body = "{\"variables\":" + variables;
  if (version > 0) body += ",\"version\":" + std::to_string(version);
  body += "}";
  json::Value out;
  if (int rc = Call(client, "POST", "/api/v1/decisions/" + UrlEncode(key) + "/evaluate", body, "application/json", out)) {
    return rc;
  }
  if (!client.json) {
    const json::Value* result = out.Find("result");
    std::cout << (result ? json::Serialize(*result) : std::string("null")) << "\n";
    if (const json::Value* decisions = out.Find("decisions"); decisions && decisions->is_array()) {
      for (const json::Value& d : decisions->as_array()) {
        const json::Value* table = d.Find("table");
        if (table == nullptr || !table->is_bool() || !table->as_bool()) continue;
        std::cout << "rules: " << Str(d, "decision") << ":";
        const json::Value* rules = d.Find("matchedRules");
        if (rules == nullptr || !rules->is_array() || rules->as_array().empty()) std::cout << " none matched";
        if (rules != nullptr && rules->is_array()) {
          for (const json::Value& r : rules->as_array()) {
            std::cout << " #" << Str(r, "rule");
            std::string id = Str(r, "ruleId");
            if (id != "-") std::cout << " (" << id << ")";
          }
        }
        std::cout << "\n";
      }
    }
    if (const json::Value* diagnostics = out.Find("diagnostics"); diagnostics && diagnostics->is_array()) {
      for (const json::Value& d : diagnostics->as_array()) std::cerr << "note: " << Str(d, "message") << "\n";
    }
  }
  return 0;
}

int Instances(const ClientOptions& client, const std::string& process_key, const std::string& state) {
  std::string path = "/api/v1/instances?limit=1000";
  if (!process_key.empty()) path += "&processKey=" + UrlEncode(process_key);
  if (!state.empty()) path += "&state=" + UrlEncode(state);
  json::Value out;
  if (int rc = Call(client, "GET", path, {}, "application/json", out)) return rc;
  if (!client.json) {
    std::printf("%-20s %-24s %-8s %-11s %s\n", "ID", "PROCESS", "VERSION", "STATE", "CREATED");
    for (const json::Value& i : out.Find("items")->as_array()) {
      std::printf("%-20s %-24s %-8s %-11s %s\n", Str(i, "id").c_str(), Str(i, "processKey").c_str(),
                  Str(i, "version").c_str(), Str(i, "state").c_str(), Str(i, "createdAt").c_str());
    }
  }
  return 0;
}

int Tasks(const ClientOptions& client, const std::string& state, const std::string& assignee, const std::string& group) {
  std::string path = "/api/v1/tasks?limit=1000";
  if (!state.empty()) path += "&state=" + UrlEncode(state);
  if (!assignee.empty()) path += "&assignee=" + UrlEncode(assignee);
  if (!group.empty()) path += "&candidateGroup=" + UrlEncode(group);
  json::Value out;
  if (int rc = Call(client, "GET", path, {}, "application/json", out)) return rc;
  if (!client.json) {
    std::printf("%-20s %-20s %-28s %-12s %-20s %s\n", "ID", "INSTANCE", "NAME", "ASSIGNEE", "GROUPS", "STATE");
    for (const json::Value& t : out.Find("items")->as_array()) {
      std::printf("%-20s %-20s %-28s %-12s %-20s %s\n", Str(t, "id").c_str(), Str(t, "instance").c_str(),
                  Str(t, "name").c_str(), Str(t, "assignee").c_str(), Str(t, "candidateGroups").c_str(),
                  Str(t, "state").c_str());
    }
  }
  return 0;
}

int Complete(const ClientOptions& client, const std::string& task, const std::vector<std::string>& vars) {
  std::string variables, error;
  if (!VarsToJson(vars, variables, error)) {
    std::cerr << "error: " << error << "\n";
    return 2;
  }
  json::Value out;
  if (int rc = Call(client, "POST", "/api/v1/tasks/" + UrlEncode(task) + "/complete",
                    "{\"variables\":" + variables + "}", "application/json", out)) {
    return rc;
  }
  if (!client.json) std::cout << "completed task " << Str(out, "id") << "\n";
  return 0;
}

}  // namespace ordo::cli
