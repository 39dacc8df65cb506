#include "version_converter/adapters/label_encoder.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ir/tensor_util.h"
#include "version_converter/step.h"

namespace onnxforge::version_converter {
namespace {

std::vector<int64_t> Positions(size_t n) {
  std::vector<int64_t> p(n);
  for (size_t i = 0; i < n; ++i) p[i] = static_cast<int64_t>(i);
  return p;
}

absl::Status ToKeysAndValues(Step& step) {
  const AttributeProto* classes = step.attribute("classes_strings");
  std::vector<std::string> strings;
  if (classes != nullptr) strings.assign(classes->strings().begin(), classes->strings().end());
  const int32_t elem = step.ElemTypeOf(step.input(0));
  if (elem != TensorProto::STRING && elem != TensorProto::INT64) {
    return Step::Refuse("the element type of input 0 ('", step.input(0), "') is ",
                        elem == 0 ? "unknown" : ElementTypeName(elem),
                        "; it decides whether the classes are keys or values in ",
                        Step::Name(step.to()));
  }
  step.RemoveAttribute("classes_strings");
  if (elem == TensorProto::STRING) {
    step.SetStrings("keys_strings", strings);
    step.SetInts("values_int64s", Positions(strings.size()));
  } else {
    step.SetInts("keys_int64s", Positions(strings.size()));
    step.SetStrings("values_strings", strings);
  }
  return absl::OkStatus();
}

// The list whose position i holds the key (or value) paired with i, when
// `positions` is a permutation of 0..n-1.
bool Unpermute(const std::vector<int64_t>& positions, const std::vector<std::string>& strings,
               std::vector<std::string>* list) {
  if (positions.size() != strings.size()) return false;
  const size_t n = positions.size();
  list->assign(n, std::string());
  std::vector<bool> seen(n, false);
  for (size_t j = 0; j < n; ++j) {
    const int64_t p = positions[j];
    if (p < 0 || p >= static_cast<int64_t>(n) || seen[p]) return false;
    seen[p] = true;
    (*list)[p] = strings[j];
  }
  return true;
}

absl::Status ToClasses(Step& step) {
  const AttributeProto* keys_strings = step.attribute("keys_strings");
  const AttributeProto* keys_ints = step.attribute("keys_int64s");
  const AttributeProto* values_strings = step.attribute("values_strings");
  const AttributeProto* values_ints = step.attribute("values_int64s");
  std::vector<std::string> classes;
  bool ok = false;
  if (keys_strings != nullptr && values_ints != nullptr) {
    ok = Unpermute({values_ints->ints().begin(), values_ints->ints().end()},
                   {keys_strings->strings().begin(), keys_strings->strings().end()}, &classes);
  } else if (keys_ints != nullptr && values_strings != nullptr) {
    ok = Unpermute({keys_ints->ints().begin(), keys_ints->ints().end()},
                   {values_strings->strings().begin(), values_strings->strings().end()},
                   &classes);
  }
  if (!ok) {
    return Step::Refuse("the keys and values do not pair strings with the positions 0..n-1 of "
                        "a list, the only map ", Step::Name(step.to()), " has");
  }
  for (const char* name : {"keys_strings", "keys_int64s", "keys_floats", "values_strings",
                           "values_int64s", "values_floats", "default_float"}) {
    step.RemoveAttribute(name);
  }
  step.SetStrings("classes_strings", classes);
  return absl::OkStatus();
}

absl::Status TensorToList(Step& step, const std::string& family) {
  const std::string name = family + "_tensor";
  const AttributeProto* attr = step.attribute(name);
  if (attr == nullptr) return absl::OkStatus();
  const TensorProto tensor = attr->t();
  step.RemoveAttribute(name);
  const bool single = family == "default";
  switch (tensor.data_type()) {
    case TensorProto::STRING: {
      absl::StatusOr<std::vector<std::string>> v = ReadStrings(tensor);
      if (!v.ok() || (single && v->size() != 1)) break;
      if (single) {
        step.SetString("default_string", (*v)[0]);
      } else {
        step.SetStrings(family + "_strings", *v);
      }
      return absl::OkStatus();
    }
    case TensorProto::INT64: {
      absl::StatusOr<std::vector<int64_t>> v = ReadInt64s(tensor);
      if (!v.ok() || (single && v->size() != 1)) break;
      if (single) {
        step.SetInt("default_int64", (*v)[0]);
      } else {
        step.SetInts(family + "_int64s", *v);
      }
      return absl::OkStatus();
    }
    case TensorProto::FLOAT: {
      absl::StatusOr<std::vector<double>> v = ReadDoubles(tensor);
      if (!v.ok() || (single && v->size() != 1)) break;
      if (single) {
        step.SetFloat("default_float", static_cast<float>((*v)[0]));
      } else {
        step.SetFloats(family + "_floats", std::vector<float>(v->begin(), v->end()));
      }
      return absl::OkStatus();
    }
    default:
      break;
  }
  return Step::Refuse("attribute '", name, "' holds ",
                      ElementTypeName(tensor.data_type()).empty()
                          ? std::string("an unknown type")
                          : ElementTypeName(tensor.data_type()),
                      " values, which ", Step::Name(step.to()),
                      " cannot list (it has string, int64 and float lists)");
}

}  // namespace

Adapter ClassesToKeysAndValues() {
  Adapter adapter;
  adapter.kind = "classes_strings to keys and values";
  adapter.attributes = {"classes_strings", "keys_strings", "keys_int64s", "values_strings",
                        "values_int64s"};
  adapter.apply = ToKeysAndValues;
  return adapter;
}

Adapter KeysAndValuesToClasses() {
  Adapter adapter;
  adapter.kind = "keys and values to classes_strings";
  adapter.attributes = {"classes_strings", "keys_strings",   "keys_int64s",   "keys_floats",
                        "values_strings",  "values_int64s",  "values_floats", "default_float"};
  adapter.apply = ToClasses;
  return adapter;
}

Adapter LabelTensorsToLists() {
  Adapter adapter;
  adapter.kind = "tensor attributes to lists";
  adapter.attributes = {"keys_tensor", "values_tensor", "default_tensor"};
  adapter.apply = [](Step& step) -> absl::Status {
    for (const char* family : {"keys", "values", "default"}) {
      ONNXFORGE_RETURN_IF_ERROR(TensorToList(step, family));
    }
    return absl::OkStatus();
  };
  return adapter;
}

}  // namespace onnxforge::version_converter
