export { DEFAULT_PROJECT, TerraformCloudWorkspaces } from "./workspaces";
export type { TerraformCloudWorkspacesProps, WorkspaceSpec } from "./workspaces";
export { DynamicCredentials } from "./credentials";
export type { DynamicCredentialsProps, WorkspaceAccess } from "./credentials";
export { RESOURCE_PERMISSIONS, SERVICES, actionsFor } from "./permissions";
