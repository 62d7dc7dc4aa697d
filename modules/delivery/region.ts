/**
 * The region CloudFront is managed from: its API, its CloudWatch metrics (pseudo-region "Global"),
 * its log delivery sources, WAF web ACLs of scope CLOUDFRONT and the ACM certificates a
 * distribution uses all live in us-east-1. The project's one spelling of that region.
 * https://docs.aws.amazon.com/acm/latest/userguide/acm-regions.html (certificates)
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/programming-cloudwatch-metrics.html (metrics)
 */
export const CLOUDFRONT_REGION = "us-east-1";
