// Helpers shared by the syntax tests: build an expected proto from protobuf
// text format and compare protos field by field.
#pragma once

#include <string>

#include "google/protobuf/message.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/field_comparator.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace onnxforge::testing {

template <typename T>
T FromTextProto(const std::string& text) {
  T proto;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &proto)) << text;
  return proto;
}

// Empty when equal, else the differences. NaNs compare equal to NaNs.
inline std::string Differences(const google::protobuf::Message& expected,
                               const google::protobuf::Message& actual) {
  google::protobuf::util::DefaultFieldComparator comparator;
  comparator.set_treat_nan_as_equal(true);
  google::protobuf::util::MessageDifferencer differencer;
  differencer.set_field_comparator(&comparator);
  std::string report;
  differencer.ReportDifferencesToString(&report);
  if (differencer.Compare(expected, actual)) return "";
  return report.empty() ? std::string("protos differ") : report;
}

}  // namespace onnxforge::testing
