// Every kernel's range must start at a schema version and stay within the
// domain's opsets, and no two kernels of one op may overlap.
#include "gtest/gtest.h"
#include "onnx_defs/schema.h"
#include "reference/kernel.h"

namespace onnxforge::reference {
namespace {

TEST(KernelRegistry, NoOverlappingKernels) {
  for (const std::string& problem : KernelRegistry::Instance().problems()) {
    ADD_FAILURE() << problem;
  }
}

TEST(KernelRegistry, RangesStartAtSchemaVersions) {
  const SchemaRegistry& schemas = SchemaRegistry::Instance();
  for (const KernelEntry* k : KernelRegistry::Instance().All()) {
    const std::string where = std::string(k->file) + ":" + std::to_string(k->line) + ": kernel " +
                              k->op + " " + std::to_string(k->first_version) + ".." +
                              std::to_string(k->last_version);
    EXPECT_NE(schemas.Exact(k->op, k->first_version, k->domain), nullptr)
        << where << ": no schema " << k->op << "-" << k->first_version;
    const DomainOpsetRange* range = FindDomainOpsetRange(k->domain);
    ASSERT_NE(range, nullptr) << where << ": unknown domain '" << k->domain << "'";
    EXPECT_LE(k->last_version, range->max_version)
        << where << ": past the domain's last opset " << range->max_version;
  }
}

TEST(KernelRegistry, FindsTheKernelForAVersion) {
  const KernelEntry* relu = KernelRegistry::Instance().Find("", "Relu", 13);
  ASSERT_NE(relu, nullptr);
  EXPECT_LE(relu->first_version, 13);
  EXPECT_GE(relu->last_version, 13);
  EXPECT_EQ(KernelRegistry::Instance().Find("ai.onnx", "Relu", 13), relu);
  EXPECT_EQ(KernelRegistry::Instance().Find("", "NoSuchOp", 1), nullptr);
}

}  // namespace
}  // namespace onnxforge::reference
