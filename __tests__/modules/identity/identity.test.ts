import { Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest"; // the matchers' types (support/setup.ts registers them)
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { AccountIdentity } from "../../../modules/identity";

// AccountIdentity on its own: the account and partition come from data sources read at plan time,
// so every ARN built from them names the deploying account in its own partition.

test("reads the caller identity and the partition once, and ARNs built from them refer to those data sources", () => {
  const json = Testing.synthScope((scope) => {
    const account = new AccountIdentity(scope, "Identity");
    new DataAwsIamPolicyDocument(scope, "Uses", {
      statement: [{ actions: ["logs:PutLogEvents"], resources: [`arn:${account.partition}:logs:eu-west-1:${account.accountId}:log-group:x`] }],
    });
  });
  expect(json).toHaveDataSource(DataAwsCallerIdentity);
  expect(json).toHaveDataSource(DataAwsPartition);
  const data = JSON.parse(json).data;
  expect(Object.keys(data.aws_caller_identity)).toHaveLength(1);
  expect(Object.keys(data.aws_partition)).toHaveLength(1);
  const caller = Object.keys(data.aws_caller_identity)[0];
  const partition = Object.keys(data.aws_partition)[0];
  expect(json).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
    statement: [{ actions: ["logs:PutLogEvents"], resources: [`arn:\${data.aws_partition.${partition}.partition}:logs:eu-west-1:\${data.aws_caller_identity.${caller}.account_id}:log-group:x`] }],
  });
  // Nothing is created: reading who deploys needs no resource.
  expect(JSON.parse(json).resource).toBeUndefined();
});
