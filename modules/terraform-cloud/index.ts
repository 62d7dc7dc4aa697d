export { DEFAULT_PROJECT, TerraformCloudWorkspaces } from "./workspaces";
export type { TerraformCloudWorkspacesProps, WorkspaceSpec } from "./workspaces";
export { BOUNDED_ROLE_ACTIONS, DynamicCredentials } from "./credentials";
export { ServiceRoleBoundary, serviceRoleBoundaryArn, serviceRoleBoundaryName, serviceRoleBoundaryStatements } from "./boundary";
export type { DynamicCredentialsProps, WorkspaceAccess } from "./credentials";
export { RESOURCE_PERMISSIONS, SERVICES, actionsFor } from "./permissions";
