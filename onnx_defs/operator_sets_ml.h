// Registers each ai.onnx.ml schema version in the opset that introduced it.
// `opdev bump` and `opdev new` add lines here; `opdev lint` checks them.
#pragma once

#include <functional>

#include "onnx_defs/opset_class_list.h"
#include "onnx_defs/schema.h"

namespace onnxforge {

// ---- ai.onnx.ml opset 1 ----
ONNXFORGE_DECLARE_SCHEMA(OnnxML, ArrayFeatureExtractor, 1);
ONNXFORGE_DECLARE_SCHEMA(OnnxML, Binarizer, 1);
ONNXFORGE_DECLARE_SCHEMA(OnnxML, LabelEncoder, 1);
ONNXFORGE_DECLARE_SCHEMA(OnnxML, LinearClassifier, 1);
ONNXFORGE_DECLARE_SCHEMA(OnnxML, LinearRegressor, 1);
ONNXFORGE_DECLARE_SCHEMA(OnnxML, Normalizer, 1);
ONNXFORGE_DECLARE_SCHEMA(OnnxML, Scaler, 1);
ONNXFORGE_DECLARE_SCHEMA(OnnxML, TreeEnsembleClassifier, 1);
ONNXFORGE_DECLARE_SCHEMA(OnnxML, TreeEnsembleRegressor, 1);
ONNXFORGE_DECLARE_SCHEMA(OnnxML, ZipMap, 1);
class OnnxMlOpset1 {
 public:
  static constexpr int kVersion = 1;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(OnnxML, ArrayFeatureExtractor, 1);
    ONNXFORGE_REGISTER(OnnxML, Binarizer, 1);
    ONNXFORGE_REGISTER(OnnxML, LabelEncoder, 1);
    ONNXFORGE_REGISTER(OnnxML, LinearClassifier, 1);
    ONNXFORGE_REGISTER(OnnxML, LinearRegressor, 1);
    ONNXFORGE_REGISTER(OnnxML, Normalizer, 1);
    ONNXFORGE_REGISTER(OnnxML, Scaler, 1);
    ONNXFORGE_REGISTER(OnnxML, TreeEnsembleClassifier, 1);
    ONNXFORGE_REGISTER(OnnxML, TreeEnsembleRegressor, 1);
    ONNXFORGE_REGISTER(OnnxML, ZipMap, 1);
  }
};

// ---- ai.onnx.ml opset 2 ----
ONNXFORGE_DECLARE_SCHEMA(OnnxML, LabelEncoder, 2);
class OnnxMlOpset2 {
 public:
  static constexpr int kVersion = 2;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(OnnxML, LabelEncoder, 2);
  }
};

// ---- ai.onnx.ml opset 3 ----
ONNXFORGE_DECLARE_SCHEMA(OnnxML, TreeEnsembleClassifier, 3);
ONNXFORGE_DECLARE_SCHEMA(OnnxML, TreeEnsembleRegressor, 3);
class OnnxMlOpset3 {
 public:
  static constexpr int kVersion = 3;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(OnnxML, TreeEnsembleClassifier, 3);
    ONNXFORGE_REGISTER(OnnxML, TreeEnsembleRegressor, 3);
  }
};

// ---- ai.onnx.ml opset 4 ----
ONNXFORGE_DECLARE_SCHEMA(OnnxML, LabelEncoder, 4);
class OnnxMlOpset4 {
 public:
  static constexpr int kVersion = 4;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(OnnxML, LabelEncoder, 4);
  }
};

// ---- ai.onnx.ml opset 5 ----
ONNXFORGE_DECLARE_SCHEMA(OnnxML, TreeEnsemble, 5);
ONNXFORGE_DECLARE_SCHEMA(OnnxML, TreeEnsembleClassifier, 5);
ONNXFORGE_DECLARE_SCHEMA(OnnxML, TreeEnsembleRegressor, 5);
class OnnxMlOpset5 {
 public:
  static constexpr int kVersion = 5;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(OnnxML, TreeEnsemble, 5);
    ONNXFORGE_REGISTER(OnnxML, TreeEnsembleClassifier, 5);
    ONNXFORGE_REGISTER(OnnxML, TreeEnsembleRegressor, 5);
  }
};

// Every opset class of the domain, oldest first.
using OnnxMlOpsetClasses = OpsetClassList<OnnxMlOpset1, OnnxMlOpset2, OnnxMlOpset3, OnnxMlOpset4, OnnxMlOpset5>;

}  // namespace onnxforge
