// Preflight: the secrets and parameters the pipeline reads exist and are not being deleted. Only
// metadata is read: DescribeSecret "does not include the encrypted secret value", and DeletedDate is
// set while a secret is scheduled for deletion; GetParameter without decryption returns a
// SecureString still encrypted, and the CLI never prints it.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
import { DescribeSecretCommand } from "@aws-sdk/client-secrets-manager";
import { GetParameterCommand } from "@aws-sdk/client-ssm";
import { AwsError, call, Clients } from "./aws";
import type { Runtime } from "./runtime";

/** The region of an ARN (`arn:partition:service:region:...`). */
export function arnRegion(arn: string): string | undefined {
  return arn.split(":")[3] || undefined;
}

/** One problem line per secret that is missing, scheduled for deletion, or not readable by the operator. */
export async function checkSecret(rt: Runtime, clients: Clients, fallbackRegion: string, arn: string): Promise<string | undefined> {
  const region = arnRegion(arn) ?? fallbackRegion;
  try {
    const r = await call(rt, { service: "secretsmanager", action: "DescribeSecret", region, resource: arn }, () =>
      clients.secretsmanager(region).send(new DescribeSecretCommand({ SecretId: arn })),
    );
    return r.DeletedDate ? `secret ${arn} is scheduled for deletion (restore it: aws secretsmanager restore-secret)` : undefined;
  } catch (e) {
    if (e instanceof AwsError) return e.message;
    throw e;
  }
}

export async function checkParameter(rt: Runtime, clients: Clients, region: string, name: string): Promise<string | undefined> {
  try {
    await call(rt, { service: "ssm", action: "GetParameter", region, resource: `parameter ${name}` }, () =>
      clients.ssm(region).send(new GetParameterCommand({ Name: name, WithDecryption: false })),
    );
    return undefined;
  } catch (e) {
    if (e instanceof AwsError) return e.message;
    throw e;
  }
}
