// The AWS state names the CLI acts on, each list beside the page that documents it.

/**
 * MediaConnect flow status: STANDBY | ACTIVE | UPDATING | DELETING | STARTING | STOPPING | ERROR.
 * A new flow is in STANDBY: "After you create a flow, you must start the flow."
 * https://docs.aws.amazon.com/mediaconnect/latest/ug/flows-start.html
 * https://docs.aws.amazon.com/mediaconnect/latest/ug/monitoring-cloudwatch-events-flow-state-change.html
 * https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/mediaconnect/client/start_flow.html (StartFlow returns one of these)
 */
export const FLOW = {
  /** Running: receives and sends media (and bills). */
  running: "ACTIVE",
  /** Stopped: what a created flow starts as, and what StopFlow returns it to. */
  stopped: "STANDBY",
  /** On the way to `running` after StartFlow. */
  starting: ["STARTING"],
  /** On the way to `stopped` after StopFlow. */
  stopping: ["STOPPING"],
  /** Settling after a change; wait for it to end. */
  busy: ["UPDATING"],
  /** Nothing to do but look at the flow in the console and fix it. */
  failed: ["ERROR", "DELETING"],
} as const;

/**
 * MediaLive channel state: CREATING | CREATE_FAILED | IDLE | STARTING | RUNNING | RECOVERING |
 * STOPPING | DELETING | DELETED | UPDATING | UPDATE_FAILED.
 * "Idle: The channel isn't running." "Recovering: One or both pipelines in the channel failed, but
 * MediaLive is restarting it." https://docs.aws.amazon.com/medialive/latest/ug/monitor-activity-types-channel.html
 * (The full enum is the SDK's ChannelState, from the MediaLive API model.)
 */
export const CHANNEL = {
  running: "RUNNING",
  stopped: "IDLE",
  starting: ["STARTING"],
  stopping: ["STOPPING"],
  /** Running, but a pipeline is being restarted by MediaLive: counts as running, reported as degraded. */
  recovering: ["RECOVERING"],
  busy: ["UPDATING", "CREATING"],
  failed: ["CREATE_FAILED", "UPDATE_FAILED", "DELETING", "DELETED"],
} as const;

/**
 * MediaLive input state: CREATING | DETACHED | ATTACHED | DELETING | DELETED.
 * https://docs.aws.amazon.com/sdk-for-cpp/latest/api/aws-cpp-sdk-medialive/html/_input_state_8h_source.html (the InputState enum)
 */
export const INPUT = {
  ready: ["ATTACHED"],
  failed: ["DELETING", "DELETED"],
} as const;

/**
 * CloudFront distribution status: "When the status is Deployed, the distribution's information is fully
 * propagated to all CloudFront edge locations" (any other status counts as not ready).
 * https://docs.aws.amazon.com/sdkfornet/v3/apidocs/items/CloudFront/MDistributionctorStringStringString.html
 */
export const DISTRIBUTION = { ready: "Deployed" } as const;

export function isOneOf(state: string | undefined, list: readonly string[]): boolean {
  return state !== undefined && list.includes(state);
}
