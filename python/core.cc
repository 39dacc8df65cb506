// onnxforge._core: the C++ core seen from Python. Messages cross as
// serialized bytes; the pure-Python package wraps them in message classes.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

#include "converters/builder/finalize.h"
#include "ir/model_io.h"
#include "ir/syntax/parser.h"
#include "ir/syntax/printer.h"
#include "onnx_defs/checker.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/shape_inference.h"
#include "reference/executor.h"
#include "reference/value.h"
#include "version_converter/driver.h"

namespace py = pybind11;

namespace onnxforge {
namespace {

// Python exception types, created when the module loads.
PyObject* g_validation_error = nullptr;
PyObject* g_inference_error = nullptr;
PyObject* g_parse_error = nullptr;
PyObject* g_io_error = nullptr;
PyObject* g_evaluation_error = nullptr;
PyObject* g_finalize_error = nullptr;
PyObject* g_conversion_error = nullptr;

[[noreturn]] void Raise(PyObject* type, const absl::Status& status) {
  PyErr_SetString(type, std::string(status.message()).c_str());
  throw py::error_already_set();
}

template <typename T>
T ValueOr(PyObject* type, absl::StatusOr<T> result) {
  if (!result.ok()) Raise(type, result.status());
  return *std::move(result);
}

ModelProto ModelFromBytes(const std::string& bytes) {
  return ValueOr(g_io_error, LoadModelFromBytes(bytes));
}

template <typename Message>
Message MessageFromBytes(const std::string& bytes, const char* what) {
  Message m;
  if (!m.ParseFromString(bytes)) {
    Raise(g_parse_error, absl::InvalidArgumentError(std::string("not a valid ") + what));
  }
  return m;
}

py::bytes ToBytes(const google::protobuf::MessageLite& message) {
  return py::bytes(message.SerializeAsString());
}

// The reference evaluator seen from Python: feeds arrive serialized as the
// proto their graph input's type calls for (TensorProto, SequenceProto,
// MapProto, OptionalProto); outputs leave as (kind, bytes) pairs.
class PyReferenceEvaluator {
 public:
  explicit PyReferenceEvaluator(const std::string& model_bytes)
      : evaluator_(ModelFromBytes(model_bytes)) {
    for (const ValueInfoProto& input : evaluator_.model().graph().input()) {
      input_types_[input.name()] = input.type();
    }
  }

  std::vector<std::pair<std::string, py::bytes>> Run(
      const std::vector<std::string>& output_names,
      const std::map<std::string, std::string>& feeds) const {
    std::map<std::string, reference::Value> values;
    for (const auto& [name, bytes] : feeds) {
      TypeProto type;
      auto it = input_types_.find(name);
      if (it != input_types_.end()) type = it->second;
      if (type.value_case() == TypeProto::VALUE_NOT_SET) type.mutable_tensor_type();
      absl::StatusOr<reference::Value> value = reference::Value::Parse(bytes, type);
      if (!value.ok()) {
        Raise(g_evaluation_error, absl::InvalidArgumentError(absl::StrCat(
                                      "feed '", name, "': ", std::string(value.status().message()))));
      }
      values[name] = *std::move(value);
    }
    absl::StatusOr<std::vector<reference::Value>> outputs;
    {
      py::gil_scoped_release release;
      outputs = evaluator_.Run(output_names, values);
    }
    if (!outputs.ok()) Raise(g_evaluation_error, outputs.status());
    std::vector<std::pair<std::string, py::bytes>> result;
    for (const reference::Value& v : *outputs) {
      const char* kind = v.is_tensor() ? "tensor" : v.is_sequence() ? "sequence"
                         : v.is_map()  ? "map"    : "optional";
      result.emplace_back(kind, py::bytes(ValueOr(g_evaluation_error, v.Serialize())));
    }
    return result;
  }

 private:
  reference::Evaluator evaluator_;
  std::map<std::string, TypeProto> input_types_;
};

// A tensor rewritten for numpy: data in raw_data, and element types numpy
// lacks widened (bfloat16 and the float8/float4 types to float, 4- and
// 2-bit integers to int8/uint8).
py::bytes TensorForNumpy(const std::string& bytes) {
  TensorProto proto = MessageFromBytes<TensorProto>(bytes, "TensorProto");
  reference::Tensor t = ValueOr(g_evaluation_error, reference::Tensor::FromProto(proto));
  int32_t wide = t.type();
  switch (t.type()) {
    case TensorProto::BFLOAT16:
    case TensorProto::FLOAT8E4M3FN:
    case TensorProto::FLOAT8E4M3FNUZ:
    case TensorProto::FLOAT8E5M2:
    case TensorProto::FLOAT8E5M2FNUZ:
    case TensorProto::FLOAT4E2M1:
    case TensorProto::FLOAT8E8M0:
      wide = TensorProto::FLOAT;
      break;
    case TensorProto::INT4:
    case TensorProto::INT2:
      wide = TensorProto::INT8;
      break;
    case TensorProto::UINT4:
    case TensorProto::UINT2:
      wide = TensorProto::UINT8;
      break;
    default:
      return ToBytes(t.ToProto(proto.name()));
  }
  std::vector<double> values = ValueOr(g_evaluation_error, t.ToDoubles());
  reference::Tensor out(wide, t.shape());
  for (size_t i = 0; i < values.size(); ++i) {
    if (wide == TensorProto::FLOAT) out.at<float>(i) = static_cast<float>(values[i]);
    if (wide == TensorProto::INT8) out.at<int8_t>(i) = static_cast<int8_t>(values[i]);
    if (wide == TensorProto::UINT8) out.at<uint8_t>(i) = static_cast<uint8_t>(values[i]);
  }
  return ToBytes(out.ToProto(proto.name()));
}

py::object DefaultValueBytes(const AttributeDef& a) {
  if (!a.default_value) return py::none();
  return ToBytes(*a.default_value);
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "onnxforge's C++ core";
  g_validation_error = PyErr_NewException("onnxforge.checker.ValidationError", PyExc_ValueError, nullptr);
  g_inference_error = PyErr_NewException("onnxforge.shape_inference.InferenceError", PyExc_ValueError, nullptr);
  g_parse_error = PyErr_NewException("onnxforge.parser.ParseError", PyExc_ValueError, nullptr);
  g_io_error = PyErr_NewException("onnxforge.ModelIOError", PyExc_OSError, nullptr);
  g_evaluation_error = PyErr_NewException("onnxforge.reference.EvaluationError", PyExc_ValueError, nullptr);
  m.attr("ValidationError") = py::handle(g_validation_error);
  m.attr("InferenceError") = py::handle(g_inference_error);
  m.attr("ParseError") = py::handle(g_parse_error);
  m.attr("ModelIOError") = py::handle(g_io_error);
  m.attr("EvaluationError") = py::handle(g_evaluation_error);
  g_finalize_error = PyErr_NewException("onnxforge.builder.FinalizeError", PyExc_ValueError, nullptr);
  m.attr("FinalizeError") = py::handle(g_finalize_error);

  // ---- Models ----
  m.def("load_model", [](const std::string& path, bool load_external_data) {
    LoadOptions options;
    options.load_external_data = load_external_data;
    return ToBytes(ValueOr(g_io_error, LoadModel(path, options)));
  });
  m.def("parse_model_bytes", [](const std::string& bytes) { return ToBytes(ModelFromBytes(bytes)); });
  m.def("save_model", [](const std::string& bytes, const std::string& path, bool external,
                         const std::string& location, int64_t threshold) {
    SaveOptions options;
    options.save_external_data = external;
    options.location = location;
    options.size_threshold = threshold;
    absl::Status status = SaveModel(ModelFromBytes(bytes), path, options);
    if (!status.ok()) Raise(g_io_error, status);
  });

  // ---- Checker and inference ----
  m.def("check_model", [](const std::string& bytes, bool full_check) {
    ModelProto model = ModelFromBytes(bytes);
    absl::Status status = CheckModel(model);
    if (!status.ok()) Raise(g_validation_error, status);
    if (full_check) {
      ShapeInferenceOptions options;
      options.strict = true;
      auto inferred = InferShapes(model, options);
      if (!inferred.ok()) Raise(g_validation_error, inferred.status());
    }
  });
  m.def("infer_shapes", [](const std::string& bytes, bool strict, bool data_prop) {
    ShapeInferenceOptions options;
    options.strict = strict;
    options.data_propagation = data_prop;
    return ToBytes(ValueOr(g_inference_error, InferShapes(ModelFromBytes(bytes), options)));
  });

  // ---- Graph builder ----
  // The model converted to `targets` ({domain: opset}), checked, with
  // inferred output types; see converters/builder/finalize.h.
  m.def("finalize_model", [](const std::string& bytes, const std::map<std::string, int>& targets) {
    ModelProto model = ModelFromBytes(bytes);
    absl::StatusOr<ModelProto> result;
    {
      py::gil_scoped_release release;
      result = builder::Finalize(model, targets);
    }
    return ToBytes(ValueOr(g_finalize_error, std::move(result)));
  });
  m.def("ir_version_for_opset", [](const std::string& domain, int opset) {
    return version_converter::IrVersionForOpset(domain, opset);
  });
  m.def("ml_opset_released_with", [](int onnx_opset) {
    return version_converter::MlOpsetReleasedWith(onnx_opset);
  });

  // ---- Version converter ----
  g_conversion_error = PyErr_NewException("onnxforge.version_converter.ConversionError", PyExc_ValueError, nullptr);
  m.attr("ConversionError") = py::handle(g_conversion_error);
  // The model converted to `targets` ({domain: opset}); see version_converter/driver.h.
  m.def("convert_version", [](const std::string& bytes, const std::map<std::string, int>& targets) {
    ModelProto model = ModelFromBytes(bytes);
    absl::StatusOr<ModelProto> result;
    {
      py::gil_scoped_release release;
      result = version_converter::ConvertVersion(model, targets);
    }
    return ToBytes(ValueOr(g_conversion_error, std::move(result)));
  });

  // ---- Textual syntax ----
  m.def("parse_model", [](const std::string& text) { return ToBytes(ValueOr(g_parse_error, ParseModel(text))); });
  m.def("parse_graph", [](const std::string& text) { return ToBytes(ValueOr(g_parse_error, ParseGraph(text))); });
  m.def("parse_function", [](const std::string& text) { return ToBytes(ValueOr(g_parse_error, ParseFunction(text))); });
  m.def("print_model", [](const std::string& b) { return PrintModel(MessageFromBytes<ModelProto>(b, "ModelProto")); });
  m.def("print_graph", [](const std::string& b) { return PrintGraph(MessageFromBytes<GraphProto>(b, "GraphProto")); });
  m.def("print_function", [](const std::string& b) { return PrintFunction(MessageFromBytes<FunctionProto>(b, "FunctionProto")); });
  m.def("print_node", [](const std::string& b) { return PrintNode(MessageFromBytes<NodeProto>(b, "NodeProto")); });

  // ---- Schemas ----
  py::class_<AttributeDef>(m, "Attribute")
      .def_readonly("name", &AttributeDef::name)
      .def_readonly("description", &AttributeDef::description)
      .def_property_readonly("type_name", [](const AttributeDef& a) { return std::string(AttributeTypeName(a.type)); })
      .def_readonly("required", &AttributeDef::required)
      .def_property_readonly("default_value", &DefaultValueBytes);
  py::class_<FormalParameter>(m, "FormalParameter")
      .def_readonly("name", &FormalParameter::name)
      .def_readonly("type_str", &FormalParameter::type_str)
      .def_readonly("description", &FormalParameter::description)
      .def_property_readonly("option", [](const FormalParameter& p) { return static_cast<int>(p.option); })
      .def_readonly("is_homogeneous", &FormalParameter::is_homogeneous)
      .def_readonly("min_arity", &FormalParameter::min_arity)
      .def_property_readonly("differentiability", [](const FormalParameter& p) { return static_cast<int>(p.differentiability); });
  py::class_<TypeConstraint>(m, "TypeConstraint")
      .def_readonly("type_param_str", &TypeConstraint::type_param_str)
      .def_readonly("allowed_type_strs", &TypeConstraint::allowed_type_strs)
      .def_readonly("description", &TypeConstraint::description);
  py::class_<OpSchema>(m, "OpSchema")
      .def_property_readonly("name", &OpSchema::name)
      .def_property_readonly("domain", &OpSchema::domain)
      .def_property_readonly("since_version", &OpSchema::since_version)
      .def_property_readonly("deprecated", &OpSchema::deprecated)
      .def_property_readonly("doc", &OpSchema::doc)
      .def_property_readonly("file", [](const OpSchema& s) { return std::string(s.file()); })
      .def_property_readonly("line", &OpSchema::line)
      .def_property_readonly("attributes", &OpSchema::attributes)
      .def_property_readonly("inputs", &OpSchema::inputs)
      .def_property_readonly("outputs", &OpSchema::outputs)
      .def_property_readonly("type_constraints", &OpSchema::type_constraints)
      .def_property_readonly("min_input", &OpSchema::min_input)
      .def_property_readonly("max_input", &OpSchema::max_input)
      .def_property_readonly("min_output", &OpSchema::min_output)
      .def_property_readonly("max_output", &OpSchema::max_output)
      .def_property_readonly("has_inference_function", &OpSchema::has_inference_function)
      .def_property_readonly("has_data_propagation_function", &OpSchema::has_data_propagation_function)
      .def_property_readonly("has_function", &OpSchema::has_function)
      .def_property_readonly("function_opset_versions", &OpSchema::function_opset_versions)
      .def_property_readonly("has_context_dependent_function", &OpSchema::has_context_dependent_function)
      .def_property_readonly("context_dependent_function_opset_versions",
                             &OpSchema::context_dependent_function_opset_versions);

  // Schemas live in the registry for the life of the process.
  m.def("get_schema", [](const std::string& op, int opset, const std::string& domain) -> const OpSchema* {
    const auto& registry = SchemaRegistry::Instance();
    if (opset < 0) {
      auto versions = registry.Versions(op, domain);
      return versions.empty() ? nullptr : versions.back();
    }
    return registry.Lookup(op, opset, domain);
  }, py::return_value_policy::reference);
  m.def("all_schemas", [] { return SchemaRegistry::Instance().All(); }, py::return_value_policy::reference);
  // ---- Reference evaluator ----
  py::class_<PyReferenceEvaluator>(m, "ReferenceEvaluator")
      .def(py::init<const std::string&>())
      .def("run", &PyReferenceEvaluator::Run);
  m.def("evaluate", [](const std::string& model_bytes, const std::vector<std::string>& output_names,
                       const std::map<std::string, std::string>& feeds) {
    return PyReferenceEvaluator(model_bytes).Run(output_names, feeds);
  });
  m.def("tensor_for_numpy", &TensorForNumpy);

  m.def("domain_opset_ranges", [] {
    std::vector<std::tuple<std::string, int, int>> out;
    for (const auto& r : kDomainOpsetRanges) out.emplace_back(r.domain, r.min_version, r.max_version);
    return out;
  });
}

}  // namespace onnxforge
