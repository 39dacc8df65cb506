// An adapter: how a node moves across one version change of its op, in one
// direction. convert.h pairs each upgrade with its downgrade, one line per
// change; adapters/ holds the kinds those lines are built from.
//
// An adapter either rewrites the node (through the Step it is given) or
// refuses with a reason the user can act on. A refusal is never a guess: an
// adapter refuses whenever it cannot show that the rewritten node computes
// what the original did.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace onnxforge::version_converter {

class Step;

using AdaptFunction = std::function<absl::Status(Step&)>;

struct Adapter {
  // What the adapter does, for the docs and the lint: "compatible",
  // "restrict types", "drop attribute 'select_last_index'", ...
  std::string kind;
  AdaptFunction apply;
  // Attributes the adapter takes care of; the lint requires every attribute
  // that one side of a change has and the other lacks to be listed by the
  // adapter that leaves the side having it.
  std::vector<std::string> attributes;
  // True when the adapter checks the node's types against the older schema.
  bool restricts_types = false;
  // Set for Refuse(reason): the adapter never converts.
  bool refuses = false;
};

// Runs `adapters` one after another on the same step: Then(RestrictTypes(),
// DropAttribute("saturate")). Kinds, attributes and flags are combined.
Adapter Then(std::vector<Adapter> adapters);

template <typename... More>
Adapter Then(Adapter first, More... more) {
  return Then(std::vector<Adapter>{std::move(first), std::move(more)...});
}

}  // namespace onnxforge::version_converter
