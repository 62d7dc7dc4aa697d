// Which resource types take tags. The tagging rule must know: an aws resource without a `tags`
// attribute cannot carry the event's tags (the provider's default_tags skip it), and an awscc
// resource is tagged only through its own `tags` list (the awscc provider has no default tags).
// A type in neither list is reported by the rule, so a new kind of resource is looked at once
// rather than silently passing.
// Which types are listed is a choice; whether each takes tags is checked against the provider
// bindings and providers/awscc/schema.json by `npm run generate -- --check` (a test runs it).

/**
 * hashicorp/aws 5.100.0 resource types of the services this project uses (CloudFormation, CloudFront, MediaLive,
 * MediaPackage, S3, IAM, SNS, SQS, CloudWatch, KMS, Secrets Manager, SSM parameters, ACM,
 * Route 53, Budgets, Lambda, WAF, security groups, Scheduler, Shield, Chatbot) that have a
 * `tags` argument, from the provider's schema (`terraform providers schema -json`).
 */
export const AWS_TAGGABLE: ReadonlySet<string> = new Set([
  "aws_acm_certificate", "aws_budgets_budget", "aws_budgets_budget_action", "aws_chatbot_slack_channel_configuration", "aws_cloudformation_stack",
  "aws_chatbot_teams_channel_configuration", "aws_cloudfront_distribution", "aws_cloudfront_vpc_origin", "aws_cloudwatch_composite_alarm",
  "aws_cloudwatch_contributor_insight_rule", "aws_cloudwatch_contributor_managed_insight_rule", "aws_cloudwatch_event_bus",
  "aws_cloudwatch_event_rule", "aws_cloudwatch_log_anomaly_detector", "aws_cloudwatch_log_delivery",
  "aws_cloudwatch_log_delivery_destination", "aws_cloudwatch_log_delivery_source", "aws_cloudwatch_log_destination",
  "aws_cloudwatch_log_group", "aws_cloudwatch_metric_alarm", "aws_cloudwatch_metric_stream", "aws_iam_openid_connect_provider", "aws_iam_policy", "aws_iam_role",
  "aws_kms_external_key", "aws_kms_key", "aws_kms_replica_external_key", "aws_kms_replica_key", "aws_lambda_function",
  "aws_media_package_channel", "aws_media_packagev2_channel_group", "aws_medialive_channel", "aws_medialive_input",
  "aws_medialive_input_security_group", "aws_medialive_multiplex", "aws_route53_health_check", "aws_route53_zone", "aws_s3_bucket",
  "aws_s3_bucket_object", "aws_scheduler_schedule_group", "aws_secretsmanager_secret", "aws_security_group", "aws_shield_protection",
  "aws_shield_protection_group", "aws_sns_topic", "aws_sqs_queue", "aws_ssm_parameter", "aws_vpc_security_group_egress_rule",
  "aws_vpc_security_group_ingress_rule", "aws_wafv2_ip_set", "aws_wafv2_regex_pattern_set", "aws_wafv2_rule_group", "aws_wafv2_web_acl",
]);

/** The same services' resource types without a `tags` argument. */
export const AWS_UNTAGGABLE: ReadonlySet<string> = new Set([
  "aws_acm_certificate_validation", "aws_cloudfront_cache_policy", "aws_cloudfront_continuous_deployment_policy",
  "aws_cloudfront_field_level_encryption_config", "aws_cloudfront_field_level_encryption_profile", "aws_cloudfront_function",
  "aws_cloudfront_key_group", "aws_cloudfront_key_value_store", "aws_cloudfront_monitoring_subscription",
  "aws_cloudfront_origin_access_control", "aws_cloudfront_origin_access_identity", "aws_cloudfront_origin_request_policy",
  "aws_cloudfront_public_key", "aws_cloudfront_realtime_log_config", "aws_cloudfront_response_headers_policy", "aws_cloudwatch_dashboard",
  "aws_cloudwatch_event_api_destination", "aws_cloudwatch_event_archive", "aws_cloudwatch_event_bus_policy",
  "aws_cloudwatch_event_connection", "aws_cloudwatch_event_endpoint", "aws_cloudwatch_event_permission", "aws_cloudwatch_event_target",
  "aws_cloudwatch_log_account_policy", "aws_cloudwatch_log_data_protection_policy", "aws_cloudwatch_log_delivery_destination_policy",
  "aws_cloudwatch_log_destination_policy", "aws_cloudwatch_log_index_policy", "aws_cloudwatch_log_metric_filter",
  "aws_cloudwatch_log_resource_policy", "aws_cloudwatch_log_stream", "aws_cloudwatch_log_subscription_filter",
  "aws_cloudwatch_query_definition", "aws_iam_policy_attachment", "aws_iam_role_policies_exclusive", "aws_iam_role_policy",
  "aws_iam_role_policy_attachment", "aws_iam_role_policy_attachments_exclusive", "aws_kms_alias", "aws_kms_ciphertext",
  "aws_kms_custom_key_store", "aws_kms_grant", "aws_kms_key_policy", "aws_lambda_function_event_invoke_config",
  "aws_lambda_function_recursion_config", "aws_lambda_function_url", "aws_lambda_permission", "aws_medialive_multiplex_program",
  "aws_route53_record", "aws_route53_records_exclusive", "aws_route53_zone_association", "aws_s3_bucket_accelerate_configuration",
  "aws_s3_bucket_acl", "aws_s3_bucket_analytics_configuration", "aws_s3_bucket_cors_configuration",
  "aws_s3_bucket_intelligent_tiering_configuration", "aws_s3_bucket_inventory", "aws_s3_bucket_lifecycle_configuration",
  "aws_s3_bucket_logging", "aws_s3_bucket_metric", "aws_s3_bucket_notification", "aws_s3_bucket_object_lock_configuration",
  "aws_s3_bucket_ownership_controls", "aws_s3_bucket_policy", "aws_s3_bucket_public_access_block",
  "aws_s3_bucket_replication_configuration", "aws_s3_bucket_request_payment_configuration",
  "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_versioning", "aws_s3_bucket_website_configuration",
  "aws_scheduler_schedule", "aws_secretsmanager_secret_policy", "aws_secretsmanager_secret_rotation", "aws_secretsmanager_secret_version",
  "aws_security_group_rule", "aws_shield_application_layer_automatic_response", "aws_shield_drt_access_log_bucket_association",
  "aws_shield_drt_access_role_arn_association", "aws_shield_proactive_engagement", "aws_shield_protection_health_check_association",
  "aws_shield_subscription", "aws_sns_platform_application", "aws_sns_sms_preferences", "aws_sns_topic_data_protection_policy",
  "aws_sns_topic_policy", "aws_sns_topic_subscription", "aws_sqs_queue_policy", "aws_sqs_queue_redrive_allow_policy",
  "aws_sqs_queue_redrive_policy", "aws_vpc_security_group_vpc_association", "aws_wafv2_api_key", "aws_wafv2_web_acl_association",
  "aws_wafv2_web_acl_logging_configuration",
]);

/**
 * awscc 1.96 resource types this project uses, and how they take tags (providers/awscc/schema.json):
 * a list or set of `{ key, value }`, or not at all. awscc_mediaconnect_flow has no tags attribute.
 */
export const AWSCC_TAGS: Readonly<Record<string, "list" | "set" | "none">> = {
  awscc_mediaconnect_flow: "none",
  awscc_mediaconnect_flow_output: "set",
  awscc_mediaconnect_flow_source: "list",
  awscc_mediapackagev2_channel: "list",
  awscc_mediapackagev2_channel_policy: "none",
  awscc_mediapackagev2_origin_endpoint: "list",
  awscc_mediapackagev2_origin_endpoint_policy: "none",
};
