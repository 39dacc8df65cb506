#include "ir/syntax/printer.h"

#include <optional>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "ir/syntax/names.h"
#include "ir/syntax/numbers.h"
#include "ir/syntax/tensor_data.h"

namespace onnxforge {
namespace syntax {
namespace {

// Nodes sit this many spaces deeper than the graph or function holding them.
constexpr int kIndentStep = 4;

template <typename T>
using Repeated = google::protobuf::RepeatedPtrField<T>;

std::string NameOrEmpty(const std::string& name) {
  return name.empty() ? std::string("\"\"") : QuoteIfNeeded(name);
}

std::string ElementTypeText(int32_t data_type) {
  std::string_view name = ElementTypeName(data_type);
  return name.empty() ? std::string("undefined") : std::string(name);
}

// `domain.Op`: a domain whose parts are all words is written dotted,
// any other in quotes.
std::string OperatorText(const NodeProto& node) {
  std::string op = IsIdentifierShaped(node.op_type()) ? node.op_type() : Quote(node.op_type());
  if (node.domain().empty()) return op;
  bool dotted = true;
  for (absl::string_view part : absl::StrSplit(node.domain(), '.')) {
    if (!IsIdentifierShaped(std::string_view(part.data(), part.size()))) dotted = false;
  }
  return absl::StrCat(dotted ? node.domain() : Quote(node.domain()), ".", op);
}

class Printer {
 public:
  std::string Take() { return std::move(out_); }

  void Model(const ModelProto& model) {
    std::vector<std::string> fields;
    if (model.has_ir_version()) fields.push_back(absl::StrCat("ir_version: ", model.ir_version()));
    if (model.opset_import_size() > 0) {
      fields.push_back(absl::StrCat("opset_import: ", OpsetImports(model.opset_import())));
    }
    if (model.has_producer_name()) {
      fields.push_back(absl::StrCat("producer_name: ", Quote(model.producer_name())));
    }
    if (model.has_producer_version()) {
      fields.push_back(absl::StrCat("producer_version: ", Quote(model.producer_version())));
    }
    if (model.has_domain()) fields.push_back(absl::StrCat("domain: ", Quote(model.domain())));
    if (model.has_model_version()) {
      fields.push_back(absl::StrCat("model_version: ", model.model_version()));
    }
    if (model.has_doc_string()) {
      fields.push_back(absl::StrCat("doc_string: ", Quote(model.doc_string())));
    }
    if (model.metadata_props_size() > 0) {
      fields.push_back(absl::StrCat("metadata_props: ", StringPairs(model.metadata_props())));
    }
    Header(fields);
    TopLevelGraph(model.graph());
    for (const FunctionProto& function : model.functions()) {
      out_ += "\n\n";
      Function(function);
    }
  }

  void TopLevelGraph(const GraphProto& graph) {
    GraphHeader(graph);
    std::string values = GraphValues(graph);
    if (!values.empty()) absl::StrAppend(&out_, "\n  ", values);
    out_ += "\n";
    NodeBlock(graph.node(), 0);
  }

  void Function(const FunctionProto& function) {
    std::vector<std::string> fields;
    if (function.has_domain()) fields.push_back(absl::StrCat("domain: ", Quote(function.domain())));
    if (function.has_overload()) {
      fields.push_back(absl::StrCat("overload: ", Quote(function.overload())));
    }
    if (function.has_doc_string()) {
      fields.push_back(absl::StrCat("doc_string: ", Quote(function.doc_string())));
    }
    if (function.opset_import_size() > 0) {
      fields.push_back(absl::StrCat("opset_import: ", OpsetImports(function.opset_import())));
    }
    if (function.metadata_props_size() > 0) {
      fields.push_back(absl::StrCat("metadata_props: ", StringPairs(function.metadata_props())));
    }
    Header(fields);
    out_ += NameOrEmpty(function.name());
    if (function.attribute_size() + function.attribute_proto_size() > 0) {
      std::vector<std::string> attributes;
      for (const std::string& name : function.attribute()) attributes.push_back(NameOrEmpty(name));
      for (const AttributeProto& a : function.attribute_proto()) {
        attributes.push_back(Attribute(a, 0));
      }
      absl::StrAppend(&out_, " <", absl::StrJoin(attributes, ", "), ">");
    }
    // Typed inputs and outputs take the leading value_info entries that
    // match them in order; the rest go to the `<...>` list, so reading puts
    // every entry back in its place.
    int next_info = 0;
    auto values = [&](const Repeated<std::string>& names) {
      std::vector<std::string> texts;
      for (const std::string& name : names) {
        if (next_info < function.value_info_size() &&
            IsPlainTypedInfo(function.value_info(next_info), name)) {
          texts.push_back(ValueInfo(function.value_info(next_info++)));
        } else {
          texts.push_back(NameOrEmpty(name));
        }
      }
      return absl::StrCat("(", absl::StrJoin(texts, ", "), ")");
    };
    absl::StrAppend(&out_, " ", values(function.input()));
    absl::StrAppend(&out_, " => ", values(function.output()));
    if (next_info < function.value_info_size()) {
      std::vector<std::string> rest;
      for (int i = next_info; i < function.value_info_size(); ++i) {
        rest.push_back(ValueInfo(function.value_info(i)));
      }
      absl::StrAppend(&out_, "\n  <", absl::StrJoin(rest, ", "), ">");
    }
    out_ += "\n";
    NodeBlock(function.node(), 0);
  }

  void Node(const NodeProto& node, int indent) {
    out_.append(indent, ' ');
    if (node.has_name()) absl::StrAppend(&out_, "[", NameOrEmpty(node.name()), "] ");
    std::vector<std::string> outputs;
    for (const std::string& output : node.output()) outputs.push_back(NameOrEmpty(output));
    absl::StrAppend(&out_, absl::StrJoin(outputs, ", "), outputs.empty() ? "= " : " = ");
    out_ += OperatorText(node);
    if (node.has_overload()) absl::StrAppend(&out_, ":", NameOrEmpty(node.overload()));

    bool has_subgraph = false;
    for (const AttributeProto& a : node.attribute()) {
      if (a.has_g() || a.graphs_size() > 0) has_subgraph = true;
    }
    std::string attributes;
    if (node.attribute_size() > 0) {
      std::vector<std::string> texts;
      for (const AttributeProto& a : node.attribute()) texts.push_back(Attribute(a, indent));
      attributes = absl::StrCat("<", absl::StrJoin(texts, ", "), ">");
    }
    // Subgraph attributes go after the inputs, where they are easier to read.
    if (!attributes.empty() && !has_subgraph) absl::StrAppend(&out_, " ", attributes, " ");
    absl::StrAppend(&out_, "(", NodeInputs(node), ")");
    if (!attributes.empty() && has_subgraph) absl::StrAppend(&out_, " ", attributes);
  }

  // `name = value`, or `name: type = value` where the value alone does not
  // tell the type. `indent` is that of the node, for subgraphs.
  std::string Attribute(const AttributeProto& a, int indent) {
    std::string name = NameOrEmpty(a.name());
    std::string type_name(AttributeTypeName(a.type()));
    if (a.has_ref_attr_name()) {
      std::string typed = type_name.empty() ? name : absl::StrCat(name, ": ", type_name);
      return absl::StrCat(typed, " = @", NameOrEmpty(a.ref_attr_name()));
    }
    auto list = [&](int size, auto element_text) {
      if (size == 0) return absl::StrCat(name, ": ", type_name, " = []");
      std::vector<std::string> texts;
      for (int i = 0; i < size; ++i) texts.push_back(element_text(i));
      return absl::StrCat(name, " = [", absl::StrJoin(texts, ", "), "]");
    };
    switch (a.type()) {
      case AttributeProto::FLOAT:
        return absl::StrCat(name, " = ", FormatFloat(a.f()));
      case AttributeProto::INT:
        return absl::StrCat(name, " = ", a.i());
      case AttributeProto::STRING:
        return absl::StrCat(name, " = ", Quote(a.s()));
      case AttributeProto::TENSOR:
        return absl::StrCat(name, " = ", Tensor(a.t()));
      case AttributeProto::GRAPH:
        return absl::StrCat(name, " = ", NestedGraph(a.g(), indent));
      case AttributeProto::SPARSE_TENSOR:
        return absl::StrCat(name, " = ", SparseTensor(a.sparse_tensor()));
      case AttributeProto::TYPE_PROTO:
        return absl::StrCat(name, " = ", Type(a.tp()));
      case AttributeProto::FLOATS:
        return list(a.floats_size(), [&](int i) { return FormatFloat(a.floats(i)); });
      case AttributeProto::INTS:
        return list(a.ints_size(), [&](int i) { return absl::StrCat(a.ints(i)); });
      case AttributeProto::STRINGS:
        return list(a.strings_size(), [&](int i) { return Quote(a.strings(i)); });
      case AttributeProto::TENSORS:
        return list(a.tensors_size(), [&](int i) { return Tensor(a.tensors(i)); });
      case AttributeProto::GRAPHS:
        return list(a.graphs_size(), [&](int i) { return NestedGraph(a.graphs(i), indent); });
      case AttributeProto::SPARSE_TENSORS:
        return list(a.sparse_tensors_size(),
                    [&](int i) { return SparseTensor(a.sparse_tensors(i)); });
      case AttributeProto::TYPE_PROTOS:
        return list(a.type_protos_size(), [&](int i) { return Type(a.type_protos(i)); });
      default:
        // No type and no reference: nothing the syntax can hold.
        return absl::StrCat(name, ": undefined");
    }
  }

  std::string Type(const TypeProto& type) {
    switch (type.value_case()) {
      case TypeProto::kTensorType:
        return TensorType(type.tensor_type());
      case TypeProto::kSequenceType:
        return absl::StrCat("seq(", Type(type.sequence_type().elem_type()), ")");
      case TypeProto::kMapType:
        return absl::StrCat("map(", ElementTypeText(type.map_type().key_type()), ", ",
                            Type(type.map_type().value_type()), ")");
      case TypeProto::kOptionalType:
        return absl::StrCat("optional(", Type(type.optional_type().elem_type()), ")");
      case TypeProto::kSparseTensorType:
        return absl::StrCat("sparse_tensor(", TensorType(type.sparse_tensor_type()), ")");
      case TypeProto::kOpaqueType:
        return OpaqueType(type.opaque_type());
      default:
        return "undefined";
    }
  }

  std::string Tensor(const TensorProto& tensor) {
    std::string text = TensorTypeText(tensor);
    if (tensor.has_name()) absl::StrAppend(&text, " ", NameOrEmpty(tensor.name()));
    std::string data = TensorData(tensor);
    absl::StrAppend(&text, data[0] == '{' ? " " : " = ", data);
    return text;
  }

 private:
  void Header(const std::vector<std::string>& fields) {
    if (fields.empty()) return;
    absl::StrAppend(&out_, "<\n  ", absl::StrJoin(fields, ",\n  "), "\n>\n");
  }

  static std::string OpsetImports(const Repeated<OperatorSetIdProto>& opsets) {
    std::vector<std::string> texts;
    for (const OperatorSetIdProto& opset : opsets) {
      texts.push_back(absl::StrCat(Quote(opset.domain()), " : ", opset.version()));
    }
    return absl::StrCat("[", absl::StrJoin(texts, ", "), "]");
  }

  static std::string StringPairs(const Repeated<StringStringEntryProto>& entries) {
    std::vector<std::string> texts;
    for (const StringStringEntryProto& entry : entries) {
      texts.push_back(absl::StrCat(Quote(entry.key()), ": ", Quote(entry.value())));
    }
    return absl::StrCat("[", absl::StrJoin(texts, ", "), "]");
  }

  // A value_info entry that a typed function input or output can stand for.
  static bool IsPlainTypedInfo(const ValueInfoProto& info, const std::string& name) {
    return info.name() == name && info.has_type() && !info.has_doc_string() &&
           info.metadata_props_size() == 0;
  }

  void GraphHeader(const GraphProto& graph) {
    std::vector<std::string> inputs;
    for (const ValueInfoProto& info : graph.input()) inputs.push_back(ValueInfo(info));
    std::vector<std::string> outputs;
    for (const ValueInfoProto& info : graph.output()) outputs.push_back(ValueInfo(info));
    absl::StrAppend(&out_, NameOrEmpty(graph.name()), " (", absl::StrJoin(inputs, ", "), ") => (",
                    absl::StrJoin(outputs, ", "), ")");
  }

  // `<initializers, value infos>`, or empty when the graph has neither.
  std::string GraphValues(const GraphProto& graph) {
    if (graph.initializer_size() == 0 && graph.value_info_size() == 0) return "";
    std::vector<std::string> texts;
    for (const TensorProto& init : graph.initializer()) {
      texts.push_back(absl::StrCat(TensorTypeText(init), " ", NameOrEmpty(init.name()), " = ",
                                   TensorData(init)));
    }
    for (const ValueInfoProto& info : graph.value_info()) texts.push_back(ValueInfo(info));
    return absl::StrCat("<", absl::StrJoin(texts, ", "), ">");
  }

  // A graph as an attribute value: the braces open on the header line and
  // close at the node's indentation.
  std::string NestedGraph(const GraphProto& graph, int indent) {
    Printer inner;
    inner.GraphHeader(graph);
    std::string values = inner.GraphValues(graph);
    if (!values.empty()) absl::StrAppend(&inner.out_, " ", values);
    inner.out_ += " {\n";
    for (const NodeProto& node : graph.node()) {
      inner.Node(node, indent + kIndentStep);
      inner.out_ += "\n";
    }
    inner.out_.append(indent, ' ');
    inner.out_ += "}";
    return inner.Take();
  }

  void NodeBlock(const Repeated<NodeProto>& nodes, int indent) {
    out_.append(indent, ' ');
    out_ += "{\n";
    for (const NodeProto& node : nodes) {
      Node(node, indent + kIndentStep);
      out_ += "\n";
    }
    out_.append(indent, ' ');
    out_ += "}";
  }

  // Empty inputs read back from a blank slot between commas, except the
  // last, which needs "".
  static std::string NodeInputs(const NodeProto& node) {
    std::vector<std::string> texts;
    for (int i = 0; i < node.input_size(); ++i) {
      const std::string& input = node.input(i);
      bool last = i + 1 == node.input_size();
      texts.push_back(input.empty() && !last ? "" : NameOrEmpty(input));
    }
    return absl::StrJoin(texts, ", ");
  }

  std::string ValueInfo(const ValueInfoProto& info) {
    if (!info.has_type()) return NameOrEmpty(info.name());
    return absl::StrCat(Type(info.type()), " ", NameOrEmpty(info.name()));
  }

  template <typename TensorLikeType>
  static std::string TensorType(const TensorLikeType& type) {
    std::string text = ElementTypeText(type.elem_type());
    if (!type.has_shape()) return text + "[]";
    if (type.shape().dim_size() == 0) return text;
    std::vector<std::string> dims;
    for (const TensorShapeProto::Dimension& dim : type.shape().dim()) {
      if (dim.has_dim_value()) {
        dims.push_back(absl::StrCat(dim.dim_value()));
      } else if (dim.has_dim_param()) {
        dims.push_back(NameOrEmpty(dim.dim_param()));
      } else {
        dims.push_back("?");
      }
    }
    return absl::StrCat(text, "[", absl::StrJoin(dims, ", "), "]");
  }

  static std::string OpaqueType(const TypeProto::Opaque& opaque) {
    std::vector<std::string> parts;
    if (opaque.has_domain()) {
      bool dotted = !opaque.domain().empty();
      for (absl::string_view part : absl::StrSplit(opaque.domain(), '.')) {
        if (!IsIdentifierShaped(std::string_view(part.data(), part.size()))) dotted = false;
      }
      parts.push_back(dotted ? opaque.domain() : Quote(opaque.domain()));
      parts.push_back(NameOrEmpty(opaque.name()));
    } else if (opaque.has_name()) {
      parts.push_back(NameOrEmpty(opaque.name()));
    }
    return absl::StrCat("opaque(", absl::StrJoin(parts, ", "), ")");
  }

  static std::string TensorTypeText(const TensorProto& tensor) {
    std::string text = ElementTypeText(tensor.data_type());
    if (tensor.dims_size() > 0)
      absl::StrAppend(&text, "[", absl::StrJoin(tensor.dims(), ", "), "]");
    return text;
  }

  // `{values}`, `raw {values}`, `raw "hex"` or `["key": "value", ...]`.
  static std::string TensorData(const TensorProto& tensor) {
    if (tensor.data_location() == TensorProto::EXTERNAL) {
      return StringPairs(tensor.external_data());
    }
    if (tensor.has_raw_data()) {
      std::optional<std::vector<std::string>> values = DecodeRawValues(tensor);
      if (values) return absl::StrCat("raw {", absl::StrJoin(*values, ", "), "}");
      return absl::StrCat("raw ", Quote(ToHex(tensor.raw_data())));
    }
    return absl::StrCat("{", absl::StrJoin(TypedValueTexts(tensor), ", "), "}");
  }

  std::string SparseTensor(const SparseTensorProto& sparse) {
    return absl::StrCat("sparse_tensor(", Tensor(sparse.values()), ", ", Tensor(sparse.indices()),
                        ", [", absl::StrJoin(sparse.dims(), ", "), "])");
  }

  std::string out_;
};

}  // namespace
}  // namespace syntax

using syntax::Printer;

std::string PrintModel(const ModelProto& model) {
  Printer printer;
  printer.Model(model);
  return printer.Take();
}

std::string PrintGraph(const GraphProto& graph) {
  Printer printer;
  printer.TopLevelGraph(graph);
  return printer.Take();
}

std::string PrintFunction(const FunctionProto& function) {
  Printer printer;
  printer.Function(function);
  return printer.Take();
}

std::string PrintNode(const NodeProto& node) {
  Printer printer;
  printer.Node(node, 0);
  return printer.Take();
}

std::string PrintAttribute(const AttributeProto& attribute) {
  return Printer().Attribute(attribute, 0);
}

std::string PrintType(const TypeProto& type) { return Printer().Type(type); }

std::string PrintTensor(const TensorProto& tensor) { return Printer().Tensor(tensor); }

}  // namespace onnxforge
