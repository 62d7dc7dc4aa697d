/**
 * What a stack's Terraform runs may do in AWS, derived from the resource types the stack manages.
 * Each Terraform resource type maps to the IAM actions the provider calls to read it (plan:
 * refresh) and to change it (apply). Actions are named one by one: no wildcards. A resource type
 * missing here is an error at synthesis (see deployPermissions), so a new resource cannot ship
 * with a role that cannot deploy it.
 *
 * Actions and the resource types they accept: the Service Authorization Reference, one page per
 * service (URL beside each service below). The awscc provider calls the Cloud Control API, which
 * then calls the service's own actions with the caller's credentials:
 * https://docs.aws.amazon.com/cloudcontrolapi/latest/userguide/security.html
 */

/** One AWS service: how its ARNs start, and the actions that accept no resource ARN (Resource "*" only). */
export interface ServiceScope {
  /** The ARN service field. */
  readonly arnService: string;
  /** Global services have no region field in their ARNs. */
  readonly global?: boolean;
  /** ARNs without an account field (S3 buckets, Route 53 zones). */
  readonly noAccount?: boolean;
  /** Actions that the Service Authorization Reference lists without a resource type. */
  readonly accountWide?: readonly string[];
  /** Where these facts come from. */
  readonly source: string;
}

const SAR = "https://docs.aws.amazon.com/service-authorization/latest/reference";

export const SERVICES: Readonly<Record<string, ServiceScope>> = {
  acm: { arnService: "acm", accountWide: ["acm:RequestCertificate"], source: `${SAR}/list_awscertificatemanager.html` },
  cloudcontrol: {
    arnService: "cloudformation",
    accountWide: ["cloudformation:CreateResource", "cloudformation:GetResource", "cloudformation:UpdateResource", "cloudformation:DeleteResource", "cloudformation:GetResourceRequestStatus", "cloudformation:ListResources"],
    source: `${SAR}/list_awscloudcontrolapi.html`,
  },
  cloudformation: { arnService: "cloudformation", source: `${SAR}/list_awscloudformation.html` },
  cloudfront: { arnService: "cloudfront", global: true, source: `${SAR}/list_amazoncloudfront.html` },
  cloudwatch: { arnService: "cloudwatch", accountWide: ["cloudwatch:ListDashboards"], source: `${SAR}/list_amazoncloudwatch.html` },
  cloudwatchGlobal: { arnService: "cloudwatch", global: true, source: `${SAR}/list_amazoncloudwatch.html` },
  ec2: { arnService: "ec2", accountWide: ["ec2:DescribeAvailabilityZones"], source: `${SAR}/list_amazonec2.html` },
  iam: { arnService: "iam", global: true, source: `${SAR}/list_awsidentityandaccessmanagementiam.html` },
  kms: { arnService: "kms", accountWide: ["kms:CreateKey", "kms:ListAliases"], source: `${SAR}/list_awskeymanagementservice.html` },
  logs: { arnService: "logs", source: `${SAR}/list_amazoncloudwatchlogs.html` },
  mediaconnect: { arnService: "mediaconnect", source: `${SAR}/list_awselementalmediaconnect.html` },
  medialive: { arnService: "medialive", source: `${SAR}/list_awselementalmedialive.html` },
  mediapackagev2: { arnService: "mediapackagev2", source: `${SAR}/list_awselementalmediapackagev2.html` },
  route53: { arnService: "route53", global: true, noAccount: true, source: `${SAR}/list_amazonroute53.html` },
  s3: { arnService: "s3", global: true, noAccount: true, source: `${SAR}/list_amazons3.html` },
  sns: { arnService: "sns", source: `${SAR}/list_amazonsns.html` },
  wafv2: { arnService: "wafv2", source: `${SAR}/list_awswafv2.html` },
};

export type ServiceName = keyof typeof SERVICES;

/** The actions one resource type needs, by service. */
export interface ResourcePermissions {
  readonly service: ServiceName;
  /** Read by plan (refresh) and apply. */
  readonly read: readonly string[];
  /** Create, update, delete, tag: apply only. */
  readonly write: readonly string[];
  /** More actions on other services the type needs (Cloud Control for awscc types). */
  readonly also?: readonly ResourcePermissions[];
}

const CLOUD_CONTROL: ResourcePermissions = {
  service: "cloudcontrol",
  read: ["cloudformation:GetResource", "cloudformation:ListResources"],
  write: ["cloudformation:CreateResource", "cloudformation:UpdateResource", "cloudformation:DeleteResource", "cloudformation:GetResourceRequestStatus"],
};
const S3_READ = ["s3:GetBucketTagging", "s3:GetBucketLocation", "s3:ListBucket"];

/** Terraform resource and data source types (data sources as `data.<type>`) → what they need. */
export const RESOURCE_PERMISSIONS: Readonly<Record<string, ResourcePermissions>> = {
  aws_acm_certificate: { service: "acm", read: ["acm:DescribeCertificate", "acm:ListTagsForCertificate"], write: ["acm:RequestCertificate", "acm:DeleteCertificate", "acm:AddTagsToCertificate", "acm:RemoveTagsFromCertificate"] },
  aws_acm_certificate_validation: { service: "acm", read: ["acm:DescribeCertificate"], write: [] },
  aws_cloudfront_cache_policy: { service: "cloudfront", read: ["cloudfront:GetCachePolicy"], write: ["cloudfront:CreateCachePolicy", "cloudfront:UpdateCachePolicy", "cloudfront:DeleteCachePolicy"] },
  aws_cloudfront_distribution: {
    service: "cloudfront",
    read: ["cloudfront:GetDistribution", "cloudfront:ListTagsForResource"],
    write: ["cloudfront:CreateDistribution", "cloudfront:CreateDistributionWithTags", "cloudfront:UpdateDistribution", "cloudfront:DeleteDistribution", "cloudfront:TagResource", "cloudfront:UntagResource"],
  },
  aws_cloudfront_key_group: { service: "cloudfront", read: ["cloudfront:GetKeyGroup"], write: ["cloudfront:CreateKeyGroup", "cloudfront:UpdateKeyGroup", "cloudfront:DeleteKeyGroup"] },
  aws_cloudfront_origin_access_control: {
    service: "cloudfront",
    read: ["cloudfront:GetOriginAccessControl"],
    write: ["cloudfront:CreateOriginAccessControl", "cloudfront:UpdateOriginAccessControl", "cloudfront:DeleteOriginAccessControl"],
  },
  aws_cloudfront_public_key: { service: "cloudfront", read: ["cloudfront:GetPublicKey"], write: ["cloudfront:CreatePublicKey", "cloudfront:UpdatePublicKey", "cloudfront:DeletePublicKey"] },
  aws_cloudfront_response_headers_policy: {
    service: "cloudfront",
    read: ["cloudfront:GetResponseHeadersPolicy"],
    write: ["cloudfront:CreateResponseHeadersPolicy", "cloudfront:UpdateResponseHeadersPolicy", "cloudfront:DeleteResponseHeadersPolicy"],
  },
  aws_cloudwatch_dashboard: { service: "cloudwatchGlobal", read: ["cloudwatch:GetDashboard"], write: ["cloudwatch:PutDashboard", "cloudwatch:DeleteDashboards"] },
  aws_cloudwatch_log_delivery: { service: "logs", read: ["logs:GetDelivery", "logs:ListTagsForResource"], write: ["logs:CreateDelivery", "logs:UpdateDeliveryConfiguration", "logs:DeleteDelivery", "logs:TagResource", "logs:UntagResource"] },
  aws_cloudwatch_log_delivery_destination: {
    service: "logs",
    read: ["logs:GetDeliveryDestination", "logs:ListTagsForResource"],
    write: ["logs:PutDeliveryDestination", "logs:DeleteDeliveryDestination", "logs:TagResource", "logs:UntagResource"],
  },
  aws_cloudwatch_log_delivery_source: {
    service: "logs",
    read: ["logs:GetDeliverySource", "logs:ListTagsForResource"],
    write: ["logs:PutDeliverySource", "logs:DeleteDeliverySource", "logs:TagResource", "logs:UntagResource"],
  },
  aws_cloudwatch_log_group: {
    service: "logs",
    read: ["logs:DescribeLogGroups", "logs:ListTagsForResource"],
    write: ["logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy", "logs:AssociateKmsKey", "logs:DisassociateKmsKey", "logs:TagResource", "logs:UntagResource"],
  },
  aws_cloudwatch_metric_alarm: {
    service: "cloudwatch",
    read: ["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"],
    write: ["cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:TagResource", "cloudwatch:UntagResource"],
  },
  aws_iam_role: {
    service: "iam",
    read: ["iam:GetRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole"],
    // PutRolePermissionsBoundary: puts the service-role boundary on roles made before it (boundary.ts).
    write: ["iam:CreateRole", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:DeleteRole", "iam:TagRole", "iam:UntagRole", "iam:PassRole", "iam:PutRolePermissionsBoundary"],
  },
  aws_iam_role_policy: { service: "iam", read: ["iam:GetRolePolicy"], write: ["iam:PutRolePolicy", "iam:DeleteRolePolicy"] },
  aws_kms_alias: { service: "kms", read: ["kms:ListAliases"], write: ["kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"] },
  aws_kms_key: {
    service: "kms",
    read: ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"],
    write: ["kms:CreateKey", "kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:DisableKeyRotation", "kms:UpdateKeyDescription", "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource"],
  },
  aws_media_packagev2_channel_group: {
    service: "mediapackagev2",
    read: ["mediapackagev2:GetChannelGroup", "mediapackagev2:ListTagsForResource"],
    write: ["mediapackagev2:CreateChannelGroup", "mediapackagev2:UpdateChannelGroup", "mediapackagev2:DeleteChannelGroup", "mediapackagev2:TagResource", "mediapackagev2:UntagResource"],
  },
  // CMAF ingest: the channel in a CloudFormation stack, created with the deployer's credentials.
  aws_cloudformation_stack: {
    service: "cloudformation",
    read: ["cloudformation:DescribeStacks", "cloudformation:GetTemplate", "cloudformation:DescribeStackEvents"],
    write: ["cloudformation:CreateStack", "cloudformation:UpdateStack", "cloudformation:DeleteStack", "cloudformation:TagResource", "cloudformation:UntagResource"],
    also: [
      {
        service: "medialive",
        read: ["medialive:DescribeChannel", "medialive:ListTagsForResource"],
        write: ["medialive:CreateChannel", "medialive:UpdateChannel", "medialive:DeleteChannel", "medialive:CreateTags", "medialive:DeleteTags"],
      },
    ],
  },
  aws_medialive_channel: {
    service: "medialive",
    read: ["medialive:DescribeChannel", "medialive:ListTagsForResource"],
    write: ["medialive:CreateChannel", "medialive:UpdateChannel", "medialive:UpdateChannelClass", "medialive:DeleteChannel", "medialive:StartChannel", "medialive:StopChannel", "medialive:CreateTags", "medialive:DeleteTags"],
  },
  aws_medialive_input: {
    service: "medialive",
    read: ["medialive:DescribeInput", "medialive:ListTagsForResource"],
    write: ["medialive:CreateInput", "medialive:UpdateInput", "medialive:DeleteInput", "medialive:CreateTags", "medialive:DeleteTags"],
  },
  aws_medialive_input_security_group: {
    service: "medialive",
    read: ["medialive:DescribeInputSecurityGroup", "medialive:ListTagsForResource"],
    write: ["medialive:CreateInputSecurityGroup", "medialive:UpdateInputSecurityGroup", "medialive:DeleteInputSecurityGroup", "medialive:CreateTags", "medialive:DeleteTags"],
  },
  aws_route53_record: { service: "route53", read: ["route53:ListResourceRecordSets", "route53:GetHostedZone", "route53:GetChange"], write: ["route53:ChangeResourceRecordSets"] },
  aws_s3_bucket: {
    service: "s3",
    read: [...S3_READ, "s3:GetBucketPolicy", "s3:GetBucketAcl", "s3:GetBucketCORS", "s3:GetBucketWebsite", "s3:GetBucketVersioning", "s3:GetAccelerateConfiguration", "s3:GetBucketRequestPayment", "s3:GetBucketLogging", "s3:GetLifecycleConfiguration", "s3:GetReplicationConfiguration", "s3:GetEncryptionConfiguration", "s3:GetBucketObjectLockConfiguration"],
    write: ["s3:CreateBucket", "s3:DeleteBucket", "s3:PutBucketTagging"],
  },
  aws_s3_bucket_lifecycle_configuration: { service: "s3", read: ["s3:GetLifecycleConfiguration"], write: ["s3:PutLifecycleConfiguration"] },
  aws_s3_bucket_ownership_controls: { service: "s3", read: ["s3:GetBucketOwnershipControls"], write: ["s3:PutBucketOwnershipControls"] },
  aws_s3_bucket_policy: { service: "s3", read: ["s3:GetBucketPolicy"], write: ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy"] },
  aws_s3_bucket_public_access_block: { service: "s3", read: ["s3:GetBucketPublicAccessBlock"], write: ["s3:PutBucketPublicAccessBlock"] },
  aws_s3_bucket_server_side_encryption_configuration: { service: "s3", read: ["s3:GetEncryptionConfiguration"], write: ["s3:PutEncryptionConfiguration"] },
  aws_sns_topic: {
    service: "sns",
    read: ["sns:GetTopicAttributes", "sns:ListTagsForResource"],
    write: ["sns:CreateTopic", "sns:SetTopicAttributes", "sns:DeleteTopic", "sns:TagResource", "sns:UntagResource"],
  },
  aws_sns_topic_policy: { service: "sns", read: ["sns:GetTopicAttributes"], write: ["sns:SetTopicAttributes"] },
  aws_sns_topic_subscription: { service: "sns", read: ["sns:GetSubscriptionAttributes", "sns:ListSubscriptionsByTopic"], write: ["sns:Subscribe", "sns:Unsubscribe", "sns:SetSubscriptionAttributes"] },
  aws_wafv2_ip_set: { service: "wafv2", read: ["wafv2:GetIPSet", "wafv2:ListTagsForResource"], write: ["wafv2:CreateIPSet", "wafv2:UpdateIPSet", "wafv2:DeleteIPSet", "wafv2:TagResource", "wafv2:UntagResource"] },
  aws_wafv2_web_acl: {
    service: "wafv2",
    read: ["wafv2:GetWebACL", "wafv2:ListTagsForResource"],
    write: ["wafv2:CreateWebACL", "wafv2:UpdateWebACL", "wafv2:DeleteWebACL", "wafv2:TagResource", "wafv2:UntagResource"],
  },
  aws_wafv2_web_acl_logging_configuration: {
    service: "wafv2",
    read: ["wafv2:GetLoggingConfiguration"],
    write: ["wafv2:PutLoggingConfiguration", "wafv2:DeleteLoggingConfiguration"],
  },
  awscc_mediaconnect_flow: {
    service: "mediaconnect",
    read: ["mediaconnect:DescribeFlow"],
    write: ["mediaconnect:CreateFlow", "mediaconnect:UpdateFlow", "mediaconnect:DeleteFlow", "mediaconnect:UpdateFlowSource", "mediaconnect:TagResource", "mediaconnect:UntagResource"],
    also: [CLOUD_CONTROL],
  },
  awscc_mediaconnect_flow_output: {
    service: "mediaconnect",
    read: ["mediaconnect:DescribeFlow"],
    write: ["mediaconnect:AddFlowOutputs", "mediaconnect:UpdateFlowOutput", "mediaconnect:RemoveFlowOutput"],
    also: [CLOUD_CONTROL],
  },
  awscc_mediaconnect_flow_source: {
    service: "mediaconnect",
    read: ["mediaconnect:DescribeFlow"],
    write: ["mediaconnect:AddFlowSources", "mediaconnect:UpdateFlowSource", "mediaconnect:RemoveFlowSource"],
    also: [CLOUD_CONTROL],
  },
  awscc_mediapackagev2_channel: {
    service: "mediapackagev2",
    read: ["mediapackagev2:GetChannel", "mediapackagev2:ListTagsForResource"],
    write: ["mediapackagev2:CreateChannel", "mediapackagev2:UpdateChannel", "mediapackagev2:DeleteChannel", "mediapackagev2:TagResource", "mediapackagev2:UntagResource"],
    also: [CLOUD_CONTROL],
  },
  awscc_mediapackagev2_channel_policy: {
    service: "mediapackagev2",
    read: ["mediapackagev2:GetChannelPolicy"],
    write: ["mediapackagev2:PutChannelPolicy", "mediapackagev2:DeleteChannelPolicy"],
    also: [CLOUD_CONTROL],
  },
  awscc_mediapackagev2_origin_endpoint: {
    service: "mediapackagev2",
    read: ["mediapackagev2:GetOriginEndpoint", "mediapackagev2:ListTagsForResource"],
    write: ["mediapackagev2:CreateOriginEndpoint", "mediapackagev2:UpdateOriginEndpoint", "mediapackagev2:DeleteOriginEndpoint", "mediapackagev2:TagResource", "mediapackagev2:UntagResource"],
    also: [CLOUD_CONTROL],
  },
  awscc_mediapackagev2_origin_endpoint_policy: {
    service: "mediapackagev2",
    read: ["mediapackagev2:GetOriginEndpointPolicy"],
    write: ["mediapackagev2:PutOriginEndpointPolicy", "mediapackagev2:DeleteOriginEndpointPolicy"],
    also: [CLOUD_CONTROL],
  },
  // Data sources: policy documents and identities are computed or free; availability zones are read.
  "data.aws_iam_policy_document": { service: "iam", read: [], write: [] },
  "data.aws_caller_identity": { service: "iam", read: [], write: [] },
  "data.aws_partition": { service: "iam", read: [], write: [] },
  "data.aws_region": { service: "iam", read: [], write: [] },
  "data.aws_availability_zones": { service: "ec2", read: ["ec2:DescribeAvailabilityZones"], write: [] },
  "data.terraform_remote_state": { service: "iam", read: [], write: [] },
};

/** The actions of a set of resource types, by service, sorted; throws naming the types it does not know. */
export function actionsFor(types: Iterable<string>): { unknown: string[]; read: Map<ServiceName, string[]>; write: Map<ServiceName, string[]> } {
  const read = new Map<ServiceName, Set<string>>();
  const write = new Map<ServiceName, Set<string>>();
  const unknown: string[] = [];
  const add = (p: ResourcePermissions) => {
    for (const a of p.read) (read.get(p.service) ?? read.set(p.service, new Set()).get(p.service)!).add(a);
    for (const a of p.write) (write.get(p.service) ?? write.set(p.service, new Set()).get(p.service)!).add(a);
    for (const more of p.also ?? []) add(more);
  };
  for (const type of [...new Set(types)].sort()) {
    const p = RESOURCE_PERMISSIONS[type];
    if (!p) unknown.push(type);
    else add(p);
  }
  const sorted = (m: Map<ServiceName, Set<string>>) => new Map([...m.entries()].filter(([, s]) => s.size > 0).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, s]) => [k, [...s].sort()] as [ServiceName, string[]]));
  return { unknown, read: sorted(read), write: sorted(write) };
}
