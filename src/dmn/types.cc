#include "dmn/types.h"

namespace ordo::dmn {
namespace {

constexpr int kMaxTypeDepth = 64;

}  // namespace

void TypeSystem::Add(const std::vector<ItemDefinitionDoc>& items) {
  for (const ItemDefinitionDoc& doc : items) docs_.push_back(doc);
  // Item definitions may refer to each other in any order: build lazily by name, in two passes.
  for (const ItemDefinitionDoc& doc : items) items_[doc.name] = nullptr;
  for (const ItemDefinitionDoc& doc : items) items_[doc.name] = Build(doc, 0);
}

void TypeSystem::AddImport(const std::string& prefix, const TypeSystem& imported) {
  for (const auto& [name, item] : imported.items_) items_[prefix + "." + name] = item;
}

std::shared_ptr<const ItemType> TypeSystem::Build(const ItemDefinitionDoc& doc, int depth) {
  auto item = std::make_shared<ItemType>();
  item->name = doc.name;
  item->is_collection = doc.is_collection;
  item->function_type = doc.function_type;
  item->function_output_type = doc.function_output_type;
  if (depth > kMaxTypeDepth) return item;
  if (!doc.type_ref.empty()) {
    auto found = items_.find(doc.type_ref);
    if (found == items_.end()) {
      Result<feel::Type> t = feel::ParseType(doc.type_ref);
      if (t.ok()) {
        item->base = *t;
        item->has_base = t->kind != feel::TypeKind::kNamed;
      }
    } else {
      // Built from the referenced definition's document (it may not be built yet).
      for (const ItemDefinitionDoc& other : docs_) {
        if (other.name == doc.type_ref && &other != &doc) {
          std::shared_ptr<const ItemType> base = found->second ? found->second : Build(other, depth + 1);
          if (doc.is_collection && base->is_collection) {
            // A collection of collections (tNestedList of tStringList): each item is checked
            // against the referenced definition by name.
            item->base.kind = feel::TypeKind::kNamed;
            item->base.name = doc.type_ref;
            item->has_base = true;
            break;
          }
          item->base = base->base;
          item->has_base = base->has_base;
          item->components = base->components;
          item->function_type = base->function_type;
          item->function_output_type = base->function_output_type;
          if (!doc.is_collection) item->is_collection = base->is_collection;
          if (doc.allowed_values.empty()) item->allowed = base->allowed;
          break;
        }
      }
    }
  }
  if (!doc.allowed_values.empty()) {
    Result<feel::Expression> allowed = feel::Expression::CompileUnaryTests(doc.allowed_values);
    if (allowed.ok()) item->allowed = *allowed;
  }
  for (const ItemDefinitionDoc& component : doc.components) {
    item->components.emplace_back(component.name, Build(component, depth + 1));
  }
  return item;
}

std::optional<feel::Type> TypeSystem::Structure(const ItemType& item, int depth) const {
  if (item.function_type || depth > kMaxTypeDepth) return std::nullopt;
  feel::Type single;
  if (item.has_base && item.base.kind == feel::TypeKind::kNamed) {
    auto it = items_.find(item.base.name);
    if (it == items_.end() || !it->second) return std::nullopt;
    std::optional<feel::Type> t = Structure(*it->second, depth + 1);
    if (!t) return std::nullopt;
    single = std::move(*t);
  } else if (item.has_base) {
    single = item.base;
  } else if (!item.components.empty()) {
    single.kind = feel::TypeKind::kContext;
    for (const auto& [name, component] : item.components) {
      std::optional<feel::Type> t = component ? Structure(*component, depth + 1) : feel::Type{};
      if (!t) return std::nullopt;
      single.fields.push_back(feel::TypeField{name, std::move(*t)});
    }
  }
  if (!item.is_collection) return single;
  feel::Type list;
  list.kind = feel::TypeKind::kList;
  list.parameters.push_back(std::move(single));
  return list;
}

std::optional<feel::Type> TypeSystem::StructureOf(std::string_view name) const {
  auto it = items_.find(name);
  if (it == items_.end() || !it->second) return std::nullopt;
  return Structure(*it->second, 0);
}

feel::CompileOptions TypeSystem::CompileOptionsFor(const std::vector<std::string>& names) const {
  feel::CompileOptions options;
  options.known_names = names;
  options.named_types = [this](std::string_view name) { return StructureOf(name); };
  return options;
}

TypeRef TypeSystem::Resolve(const std::string& type_ref) const {
  TypeRef out;
  if (type_ref.empty()) return out;
  auto found = items_.find(type_ref);
  if (found != items_.end() && found->second) {
    out.item = found->second;
    out.known = true;
    return out;
  }
  Result<feel::Type> t = feel::ParseType(type_ref);
  if (!t.ok() || t->kind == feel::TypeKind::kNamed) return out;
  out.type = *t;
  out.known = true;
  return out;
}

bool TypeSystem::ConformsTo(const feel::Value& value, const ItemType& item) const {
  if (value.is_null()) return true;
  auto single = [&](const feel::Value& v) {
    if (v.is_null()) return true;
    if (item.has_base) {
      feel::NamedTypeCheck named = [this](const feel::Value& x, const std::string& name) {
        auto it = items_.find(name);
        return it != items_.end() && it->second && ConformsTo(x, *it->second);
      };
      if (!feel::Conforms(v, item.base, &named)) return false;
    } else if (!item.components.empty()) {
      if (!v.is_context()) return false;
      for (const auto& [name, component] : item.components) {
        // DMN 1.5 §7.3.4: a structured type's components are all required (a null value is fine).
        const feel::Value* entry = v.FindEntry(name);
        if (!entry) return false;
        if (component && !ConformsTo(*entry, *component)) return false;
      }
    }
    if (item.allowed) {
      feel::MapScope empty;
      if (!item.allowed->EvaluateUnaryTests(v, empty).is_true()) return false;
    }
    return true;
  };
  if (item.is_collection) {
    if (!value.is_list()) return false;
    for (const feel::Value& v : value.as_list()) {
      if (!single(v)) return false;
    }
    return true;
  }
  return single(value);
}

feel::Value TypeSystem::Coerce(const feel::Value& value, const TypeRef& type, std::string* error) const {
  if (!type.known || value.is_null()) return value;
  bool wants_list = type.item ? type.item->is_collection : type.type.kind == feel::TypeKind::kList;
  feel::Value v = value;
  // §10.3.2.9.4: a singleton list where an element is expected, and the reverse.
  if (!wants_list && v.is_list() && v.as_list().size() == 1) v = v.as_list()[0];
  bool ok;
  if (type.item) {
    ok = ConformsTo(v, *type.item);
    if (!ok && wants_list && !v.is_list()) {
      feel::Value wrapped = feel::Value::List({v});
      if (ConformsTo(wrapped, *type.item)) return wrapped;
    }
  } else {
    feel::NamedTypeCheck named = [this](const feel::Value& x, const std::string& name) {
      auto it = items_.find(name);
      return it != items_.end() && it->second && ConformsTo(x, *it->second);
    };
    ok = feel::Conforms(v, type.type, &named);
    if (!ok && wants_list && !v.is_list() && feel::Conforms(feel::Value::List({v}), type.type, &named)) {
      return feel::Value::List({v});
    }
  }
  if (ok) return v;
  if (error) {
    *error = "value " + value.ToString() + " does not conform to type " +
             (type.item ? type.item->name : feel::TypeText(type.type));
  }
  return feel::Value::Null();
}

}  // namespace ordo::dmn
