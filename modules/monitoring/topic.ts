import { Construct } from "constructs";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import type { AccountContext } from "../identity";
import { Naming } from "../naming";
import type { AlarmNotification } from "./families";

/**
 * What the account's administrators may do with the key: manage it, never use it directly. Listed
 * one by one instead of `kms:*` (the usual key-policy shorthand), so the key policy grants no
 * wildcard action. These are the calls Terraform and an operator make on a key and its alias.
 */
export const KEY_ADMIN_ACTIONS = [
  "kms:DescribeKey",
  "kms:GetKeyPolicy",
  "kms:PutKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:EnableKeyRotation",
  "kms:DisableKeyRotation",
  "kms:ListResourceTags",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateKeyDescription",
  "kms:EnableKey",
  "kms:DisableKey",
  "kms:ListGrants",
  "kms:RevokeGrant",
  "kms:CreateAlias",
  "kms:UpdateAlias",
  "kms:DeleteAlias",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
];

/** What publishing to an encrypted topic takes: a data key to encrypt the message, and decrypting it. */
export const KEY_PUBLISH_ACTIONS = ["kms:GenerateDataKey", "kms:Decrypt"];

export interface AlarmTopicProps {
  /** Physical names (`<event>-<scope>-alarms`). */
  readonly naming: Naming;
  /** The region the topic and its alarms live in (alarms can only notify a topic in their own region). */
  readonly region: string;
  /** The stack's account and partition (the key and topic policies name the account). */
  readonly account: AccountContext;
  /**
   * Who is notified: one subscription each.
   * @default [] - the topic exists and the alarms change state in the console, but nobody is notified
   */
  readonly notifications?: readonly AlarmNotification[];
}

/**
 * The SNS topic every alarm of one region notifies, encrypted with its own customer-managed key
 * (CloudWatch cannot publish to a topic encrypted with the AWS-managed alias/aws/sns key, whose
 * policy cannot be changed to admit it), with one subscription per configured notification.
 */
export class AlarmTopic extends Construct {
  public readonly key: KmsKey;
  public readonly topic: SnsTopic;
  public readonly subscriptions: readonly SnsTopicSubscription[];

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    const { naming, region } = props;
    const notifications = props.notifications ?? [];
    const { accountId: account, partition } = props.account;
    const root = `arn:${partition}:iam::${account}:root`;
    // Only alarms of this event in this region may publish (their names share the naming prefix).
    const alarmArns = `arn:${partition}:cloudwatch:${region}:${account}:alarm:${naming.prefix}-*`;

    // Statements carry no sid on purpose: the comments say what each one is for.
    const keyPolicy = new DataAwsIamPolicyDocument(this, "KeyPolicyDocument", {
      statement: [
        // The account administers the key through IAM (and can never lock itself out).
        { actions: KEY_ADMIN_ACTIONS, principals: [{ type: "AWS", identifiers: [root] }], resources: ["*"] },
        // CloudWatch encrypts the alarm notifications it publishes to the topic. The topic policy
        // decides which alarms may publish; the key can serve nothing but this topic's messages.
        { actions: KEY_PUBLISH_ACTIONS, principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }], resources: ["*"] },
        // People and tools of the account may publish too (a test message), but only through SNS.
        {
          actions: KEY_PUBLISH_ACTIONS,
          principals: [{ type: "AWS", identifiers: [root] }],
          resources: ["*"],
          condition: [{ test: "StringEquals", variable: "kms:ViaService", values: [`sns.${region}.amazonaws.com`] }],
        },
      ],
    });
    this.key = new KmsKey(this, "Key", {
      description: `Encrypts the alarm notifications of ${naming.event} in ${region}`,
      enableKeyRotation: true,
      // The shortest waiting period: a key scheduled for deletion is unusable anyway.
      deletionWindowInDays: 7,
      policy: keyPolicy.json,
    });
    new KmsAlias(this, "KeyAlias", { name: `alias/${naming.name("alarms")}`, targetKeyId: this.key.keyId });

    this.topic = new SnsTopic(this, "Resource", {
      name: naming.name("alarms", 256),
      displayName: `${naming.event} alarms`,
      kmsMasterKeyId: this.key.arn,
    });
    const topicPolicy = new DataAwsIamPolicyDocument(this, "TopicPolicyDocument", {
      statement: [
        {
          actions: ["sns:Publish"],
          principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }],
          resources: [this.topic.arn],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [account] },
            { test: "ArnLike", variable: "aws:SourceArn", values: [alarmArns] },
          ],
        },
      ],
    });
    new SnsTopicPolicy(this, "TopicPolicy", { arn: this.topic.arn, policy: topicPolicy.json });

    // Stable ids: the protocol and the endpoint (the one character an id cannot hold escaped), so
    // reordering the list replaces nothing.
    this.subscriptions = notifications.map(
      (n) =>
        new SnsTopicSubscription(this, `Subscription-${n.protocol}-${n.endpoint.split("/").join("%2F")}`, {
          topicArn: this.topic.arn,
          protocol: n.protocol,
          endpoint: n.endpoint,
        }),
    );
  }
}
