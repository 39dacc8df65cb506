// An attribute that became an input (axes, split, pads, shape, starts, k...).
//
// AttributeToInput(attribute, input): the upgrade. The attribute's values
// become a constant int64 tensor (an initializer, or a Constant node in a
// function body) fed to `input`. An absent attribute leaves an optional
// input omitted; a missing required one refuses.
//
// InputToAttribute(input, attribute): the downgrade. The input must be a
// constant — an initializer no graph input overrides, or a Constant node's
// output — whose values become the attribute; an omitted input leaves the
// attribute absent. Anything computed at run time refuses.
//
// kList moves a 1-D tensor to an INTS attribute, kSingle a one-element
// tensor (shape [1], as TopK's K) to an INT attribute.
#pragma once

#include <string>

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

enum class InputForm { kList, kSingle };

Adapter AttributeToInput(const std::string& attribute, int input,
                         InputForm form = InputForm::kList);
Adapter InputToAttribute(int input, const std::string& attribute,
                         InputForm form = InputForm::kList);

}  // namespace onnxforge::version_converter
