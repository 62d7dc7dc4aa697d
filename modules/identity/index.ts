import { Construct } from "constructs";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";

/** Who the stack deploys as: everything an ARN needs besides the service, region and resource. */
export interface AccountContext {
  /** The 12-digit account id (data.aws_caller_identity). */
  readonly accountId: string;
  /** `aws`, `aws-cn`, `aws-us-gov` (data.aws_partition). */
  readonly partition: string;
}

/**
 * The account and partition the stack's default provider deploys to, read once per stack and
 * passed down as props. Reading them (rather than splitting another resource's ARN) keeps them
 * known at plan time and makes nothing wait for an unrelated resource.
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/data-sources/caller_identity
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/data-sources/partition
 */
export class AccountIdentity extends Construct implements AccountContext {
  public readonly accountId: string;
  public readonly partition: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.accountId = new DataAwsCallerIdentity(this, "Caller").accountId;
    this.partition = new DataAwsPartition(this, "Partition").partition;
  }
}
