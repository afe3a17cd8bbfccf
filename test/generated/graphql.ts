/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time in UTC, e.g. 2026-11-23T16:00:00.000Z. */
  DateTime: { input: string; output: string; }
};

export type AcceptInvitationInput = {
  /** Or the id of one of viewer.pendingInvitations. */
  invitationId?: InputMaybe<Scalars['ID']['input']>;
  /** The secret from the invitation email. */
  token?: InputMaybe<Scalars['String']['input']>;
};

export type AcceptInvitationPayload = {
  __typename?: 'AcceptInvitationPayload';
  membership?: Maybe<Membership>;
  userErrors: Array<UserError>;
};

export type ApiKey = Node & {
  __typename?: 'ApiKey';
  createdAt: Scalars['DateTime']['output'];
  createdBy?: Maybe<User>;
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** Last use with any of its secrets (recorded at most once a minute per secret). */
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  /** Public, non-secret start of the key, shown to tell keys apart. */
  prefix: Scalars['String']['output'];
  /** When the secret before the last rotation stops (or stopped) working; null if the key was never rotated. */
  previousSecretExpiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** Last use of the previous secret: once it stays old, nobody calls with that secret any more. */
  previousSecretLastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The key's request limit: its own if set at creation (never above the operator's ceiling), else the ceiling. */
  rateLimit: ApiKeyRateLimit;
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the secret was last rotated. */
  rotatedAt?: Maybe<Scalars['DateTime']['output']>;
  scopes: Array<ApiKeyScope>;
  /** Last use of the current secret. */
  secretLastUsedAt?: Maybe<Scalars['DateTime']['output']>;
};

export type ApiKeyConnection = {
  __typename?: 'ApiKeyConnection';
  edges: Array<ApiKeyEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ApiKeyEdge = {
  __typename?: 'ApiKeyEdge';
  cursor: Scalars['String']['output'];
  node: ApiKey;
};

export type ApiKeyPayload = {
  __typename?: 'ApiKeyPayload';
  apiKey?: Maybe<ApiKey>;
  userErrors: Array<UserError>;
};

/** Requests per second sustained, with bursts: counted in fixed windows of ceil(burst / perSecond) seconds of `burst` requests each. */
export type ApiKeyRateLimit = {
  __typename?: 'ApiKeyRateLimit';
  burst: Scalars['Int']['output'];
  perSecond: Scalars['Int']['output'];
};

export type ApiKeyRateLimitInput = {
  /** Defaults to the lower of 5 × perSecond and the ceiling. */
  burst?: InputMaybe<Scalars['Int']['input']>;
  perSecond: Scalars['Int']['input'];
};

export type ApiKeyRefInput = {
  apiKeyId: Scalars['ID']['input'];
};

export type ApiKeyScope =
  /** Read org data: projects, tasks, members. */
  | 'READ'
  /** Create, update and delete projects and tasks. */
  | 'WRITE';

export type AuditEvent = Node & {
  __typename?: 'AuditEvent';
  /** Dotted action name, e.g. invitation.accepted, membership.role_changed, api_key.revoked. */
  action: Scalars['String']['output'];
  actor?: Maybe<User>;
  apiKey?: Maybe<ApiKey>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  targetId?: Maybe<Scalars['ID']['output']>;
  targetType?: Maybe<Scalars['String']['output']>;
};

export type AuditEventConnection = {
  __typename?: 'AuditEventConnection';
  edges: Array<AuditEventEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type AuditEventEdge = {
  __typename?: 'AuditEventEdge';
  cursor: Scalars['String']['output'];
  node: AuditEvent;
};

export type CreateApiKeyInput = {
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  name: Scalars['String']['input'];
  /** A lower limit than the operator's for this key; never above it. */
  rateLimit?: InputMaybe<ApiKeyRateLimitInput>;
  scopes: Array<ApiKeyScope>;
};

export type CreateApiKeyPayload = {
  __typename?: 'CreateApiKeyPayload';
  apiKey?: Maybe<ApiKey>;
  /** The full secret. Returned once, never stored in plain text, never shown again. */
  secret?: Maybe<Scalars['String']['output']>;
  userErrors: Array<UserError>;
};

export type CreateLabelInput = {
  color?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};

export type CreateOrganizationInput = {
  name: Scalars['String']['input'];
  /** Lowercase letters, digits and dashes; derived from the name when absent. */
  slug?: InputMaybe<Scalars['String']['input']>;
};

export type CreateOrganizationPayload = {
  __typename?: 'CreateOrganizationPayload';
  /** The creator's ADMIN membership. */
  membership?: Maybe<Membership>;
  organization?: Maybe<Organization>;
  userErrors: Array<UserError>;
};

export type CreateProjectInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};

export type CreateTaskInput = {
  /** Must be a member of the same organization. */
  assigneeId?: InputMaybe<Scalars['ID']['input']>;
  projectId: Scalars['ID']['input'];
  status?: InputMaybe<TaskStatus>;
  title: Scalars['String']['input'];
};

export type DeleteLabelPayload = {
  __typename?: 'DeleteLabelPayload';
  deletedLabelId?: Maybe<Scalars['ID']['output']>;
  userErrors: Array<UserError>;
};

export type DeleteOrganizationInput = {
  /** Must equal the active organization's slug. */
  confirmSlug: Scalars['String']['input'];
};

export type DeleteOrganizationPayload = {
  __typename?: 'DeleteOrganizationPayload';
  deletedOrganizationId?: Maybe<Scalars['ID']['output']>;
  userErrors: Array<UserError>;
};

export type DeleteProjectPayload = {
  __typename?: 'DeleteProjectPayload';
  deletedProjectId?: Maybe<Scalars['ID']['output']>;
  userErrors: Array<UserError>;
};

export type DeleteTaskPayload = {
  __typename?: 'DeleteTaskPayload';
  deletedTaskId?: Maybe<Scalars['ID']['output']>;
  userErrors: Array<UserError>;
};

export type Invitation = Node & {
  __typename?: 'Invitation';
  createdAt: Scalars['DateTime']['output'];
  email: Scalars['String']['output'];
  expiresAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  invitedBy?: Maybe<User>;
  organization: Organization;
  role: MembershipRole;
  status: InvitationStatus;
};

export type InvitationConnection = {
  __typename?: 'InvitationConnection';
  edges: Array<InvitationEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type InvitationEdge = {
  __typename?: 'InvitationEdge';
  cursor: Scalars['String']['output'];
  node: Invitation;
};

export type InvitationPayload = {
  __typename?: 'InvitationPayload';
  invitation?: Maybe<Invitation>;
  userErrors: Array<UserError>;
};

export type InvitationRefInput = {
  invitationId: Scalars['ID']['input'];
};

export type InvitationStatus =
  | 'ACCEPTED'
  | 'DECLINED'
  | 'EXPIRED'
  | 'PENDING'
  | 'REVOKED';

export type InviteMemberInput = {
  email: Scalars['String']['input'];
  /** Only admins may invite admins. */
  role?: InputMaybe<MembershipRole>;
};

export type InviteMemberPayload = {
  __typename?: 'InviteMemberPayload';
  invitation?: Maybe<Invitation>;
  userErrors: Array<UserError>;
};

export type Label = Node & {
  __typename?: 'Label';
  color?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** Most recently attached first. Members and READ API keys. */
  tasks: TaskConnection;
  updatedAt: Scalars['DateTime']['output'];
};


export type LabelTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type LabelConnection = {
  __typename?: 'LabelConnection';
  edges: Array<LabelEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type LabelEdge = {
  __typename?: 'LabelEdge';
  cursor: Scalars['String']['output'];
  node: Label;
};

export type LabelOnTaskInput = {
  labelId: Scalars['ID']['input'];
  taskId: Scalars['ID']['input'];
};

export type LabelOnTaskPayload = {
  __typename?: 'LabelOnTaskPayload';
  label: Label;
  task: Task;
  userErrors: Array<UserError>;
};

export type LabelPayload = {
  __typename?: 'LabelPayload';
  label?: Maybe<Label>;
  userErrors: Array<UserError>;
};

export type LabelRefInput = {
  labelId: Scalars['ID']['input'];
};

export type Membership = Node & {
  __typename?: 'Membership';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  organization: Organization;
  role: MembershipRole;
  user: User;
};

export type MembershipConnection = {
  __typename?: 'MembershipConnection';
  edges: Array<MembershipEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type MembershipEdge = {
  __typename?: 'MembershipEdge';
  cursor: Scalars['String']['output'];
  node: Membership;
};

export type MembershipPayload = {
  __typename?: 'MembershipPayload';
  membership?: Maybe<Membership>;
  userErrors: Array<UserError>;
};

export type MembershipRefInput = {
  membershipId: Scalars['ID']['input'];
};

export type MembershipRole =
  | 'ADMIN'
  | 'MEMBER';

export type Mutation = {
  __typename?: 'Mutation';
  /** The invited user, whose verified email must match; turns it into a membership. */
  acceptInvitation: AcceptInvitationPayload;
  /** Members, or API keys with WRITE. Attaching an attached label changes nothing. */
  attachLabelToTask: LabelOnTaskPayload;
  /** Admins (users only; an API key never manages keys, members or invitations). */
  createApiKey: CreateApiKeyPayload;
  /** Members, or API keys with WRITE. */
  createLabel: LabelPayload;
  /** Any signed-in user; the creator becomes its ADMIN. */
  createOrganization: CreateOrganizationPayload;
  /** Members, or API keys with WRITE. */
  createProject: ProjectPayload;
  /** Members, or API keys with WRITE. */
  createTask: TaskPayload;
  /** The invited user, whose verified email must match. */
  declineInvitation: InvitationPayload;
  /** Members, or API keys with WRITE. */
  deleteLabel: DeleteLabelPayload;
  /** Active org; admins. Removes everything the org owns, in one transaction. */
  deleteOrganization: DeleteOrganizationPayload;
  /** Members, or API keys with WRITE. Deletes its tasks with it. */
  deleteProject: DeleteProjectPayload;
  /** Members, or API keys with WRITE. */
  deleteTask: DeleteTaskPayload;
  /** Members, or API keys with WRITE. Detaching a label that is not attached changes nothing. */
  detachLabelFromTask: LabelOnTaskPayload;
  /** Active org; any member. Inviting the same email again renews its pending invitation. */
  inviteMember: InviteMemberPayload;
  /** The caller leaves the active org, unless they are its last admin. */
  leaveOrganization: RemoveMembershipPayload;
  /** Admins. The last admin can't be removed. */
  removeMembership: RemoveMembershipPayload;
  /** Admins, or the member who sent it; renews the expiry and sends the email again. */
  resendInvitation: InvitationPayload;
  /** Admins. A revoked key stops working at once. */
  revokeApiKey: ApiKeyPayload;
  /** Admins, or the member who sent it. */
  revokeInvitation: InvitationPayload;
  /** Admins. A new secret for the same key (same id, name, scopes and limit), returned once. The previous secret works for the grace period, then is refused as rotated; rotating again ends an earlier previous secret at once. */
  rotateApiKey: RotateApiKeyPayload;
  /** Stores the user's active organization; they must be a member. */
  setActiveOrganization: SetActiveOrganizationPayload;
  /** Members, or API keys with WRITE. An absent field stays as it is; null clears an optional one. */
  updateLabel: LabelPayload;
  /** Admins. The last admin can't be demoted. */
  updateMembershipRole: MembershipPayload;
  /** Active org; admins. */
  updateOrganization: UpdateOrganizationPayload;
  /** Members, or API keys with WRITE. An absent field stays as it is; a null or empty description clears it. */
  updateProject: ProjectPayload;
  /** Members, or API keys with WRITE. An absent field stays as it is; assigneeId null unassigns. */
  updateTask: TaskPayload;
};


export type MutationAcceptInvitationArgs = {
  input: AcceptInvitationInput;
};


export type MutationAttachLabelToTaskArgs = {
  input: LabelOnTaskInput;
};


export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


export type MutationCreateLabelArgs = {
  input: CreateLabelInput;
};


export type MutationCreateOrganizationArgs = {
  input: CreateOrganizationInput;
};


export type MutationCreateProjectArgs = {
  input: CreateProjectInput;
};


export type MutationCreateTaskArgs = {
  input: CreateTaskInput;
};


export type MutationDeclineInvitationArgs = {
  input: AcceptInvitationInput;
};


export type MutationDeleteLabelArgs = {
  input: LabelRefInput;
};


export type MutationDeleteOrganizationArgs = {
  input: DeleteOrganizationInput;
};


export type MutationDeleteProjectArgs = {
  input: ProjectRefInput;
};


export type MutationDeleteTaskArgs = {
  input: TaskRefInput;
};


export type MutationDetachLabelFromTaskArgs = {
  input: LabelOnTaskInput;
};


export type MutationInviteMemberArgs = {
  input: InviteMemberInput;
};


export type MutationRemoveMembershipArgs = {
  input: MembershipRefInput;
};


export type MutationResendInvitationArgs = {
  input: InvitationRefInput;
};


export type MutationRevokeApiKeyArgs = {
  input: ApiKeyRefInput;
};


export type MutationRevokeInvitationArgs = {
  input: InvitationRefInput;
};


export type MutationRotateApiKeyArgs = {
  input: RotateApiKeyInput;
};


export type MutationSetActiveOrganizationArgs = {
  input: SetActiveOrganizationInput;
};


export type MutationUpdateLabelArgs = {
  input: UpdateLabelInput;
};


export type MutationUpdateMembershipRoleArgs = {
  input: UpdateMembershipRoleInput;
};


export type MutationUpdateOrganizationArgs = {
  input: UpdateOrganizationInput;
};


export type MutationUpdateProjectArgs = {
  input: UpdateProjectInput;
};


export type MutationUpdateTaskArgs = {
  input: UpdateTaskInput;
};

export type Node = {
  id: Scalars['ID']['output'];
};

export type Organization = Node & {
  __typename?: 'Organization';
  /** Admins only. */
  apiKeys?: Maybe<ApiKeyConnection>;
  /** Admins only, newest first. */
  auditEvents?: Maybe<AuditEventConnection>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** Members only (not API keys), newest first. */
  invitations?: Maybe<InvitationConnection>;
  /** Newest first. Members and READ API keys. */
  labels?: Maybe<LabelConnection>;
  /** Members and READ API keys, newest first. */
  members?: Maybe<MembershipConnection>;
  name: Scalars['String']['output'];
  /** Members and READ API keys, newest first. */
  projects?: Maybe<ProjectConnection>;
  slug: Scalars['String']['output'];
  /** The caller's own membership here; null for an API key. */
  viewerMembership?: Maybe<Membership>;
};


export type OrganizationApiKeysArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type OrganizationAuditEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type OrganizationInvitationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<InvitationStatus>;
};


export type OrganizationLabelsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type OrganizationMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type OrganizationProjectsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Project = Node & {
  __typename?: 'Project';
  createdAt: Scalars['DateTime']['output'];
  createdBy?: Maybe<User>;
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** Newest first. Members and READ API keys. */
  tasks: TaskConnection;
  updatedAt: Scalars['DateTime']['output'];
};


export type ProjectTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<TaskStatus>;
};

export type ProjectConnection = {
  __typename?: 'ProjectConnection';
  edges: Array<ProjectEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ProjectEdge = {
  __typename?: 'ProjectEdge';
  cursor: Scalars['String']['output'];
  node: Project;
};

export type ProjectPayload = {
  __typename?: 'ProjectPayload';
  project?: Maybe<Project>;
  userErrors: Array<UserError>;
};

export type ProjectRefInput = {
  projectId: Scalars['ID']['input'];
};

/**
 * The root of every read. Errors: a refused request or field answers a top-level error whose extensions.code is one of:
 *
 * - UNAUTHENTICATED: 401 when a credential was sent but is malformed, invalid, expired, revoked or rotated out (the message says which); a field that needs a credential sent none. Send a valid token or API key.
 * - FORBIDDEN: Visible to you, but your role or your key's scopes don't allow it (a member inviting an admin, a READ key writing). Ask an admin, or use a key with the scope.
 * - NOT_FOUND: Not visible to you: missing, or another organization's (the two are never told apart). Check the id and the organization you selected.
 * - BAD_USER_INPUT: A malformed request: a bad id, page size over 100, conflicting organization selectors, an Idempotency-Key reused for another request. Fix the request; retrying it as is fails again.
 * - RATE_LIMITED: 429: over a request limit (an API key, a user, an organization, an address after failed authentications), or, on inviteMember and resendInvitation, over the hourly invitation limits. Wait extensions.retryAfter seconds (the Retry-After header).
 * - SERVICE_UNAVAILABLE: 503: the service was too busy or its database unreachable; nothing was changed. Retry after extensions.retryAfter seconds.
 * - GRAPHQL_PARSE_FAILED: 400: the document is not valid GraphQL syntax.
 * - GRAPHQL_VALIDATION_FAILED: 400: the document does not match the schema (a field or argument that does not exist).
 * - BAD_REQUEST: 400: not a GraphQL request yoga can read (no query, bad JSON, a GET for a mutation, a missing CSRF header on a simple request).
 * - OPERATION_RESOLUTION_FAILURE: 400: operationName names no operation of the document, or several need one.
 * - REQUEST_ENTITY_TOO_LARGE: 413: the request body is over MAX_BODY_BYTES.
 * - QUERY_COMPLEXITY: The query costs more than the complexity limit: ask for fewer items or fewer nested lists.
 * - QUERY_DEPTH: The query nests deeper than the limit.
 * - QUERY_BREADTH: The query selects more fields than the limit.
 * - INTERNAL_SERVER_ERROR: A bug on our side, masked: the log has it under the response's x-request-id. Retrying may help; report the request id.
 */
export type Query = {
  __typename?: 'Query';
  node?: Maybe<Node>;
  nodes: Array<Maybe<Node>>;
  /** The request's active organization, or null. */
  organization?: Maybe<Organization>;
  /** UNAUTHENTICATED error without credentials. */
  viewer: Viewer;
};


/**
 * The root of every read. Errors: a refused request or field answers a top-level error whose extensions.code is one of:
 *
 * - UNAUTHENTICATED: 401 when a credential was sent but is malformed, invalid, expired, revoked or rotated out (the message says which); a field that needs a credential sent none. Send a valid token or API key.
 * - FORBIDDEN: Visible to you, but your role or your key's scopes don't allow it (a member inviting an admin, a READ key writing). Ask an admin, or use a key with the scope.
 * - NOT_FOUND: Not visible to you: missing, or another organization's (the two are never told apart). Check the id and the organization you selected.
 * - BAD_USER_INPUT: A malformed request: a bad id, page size over 100, conflicting organization selectors, an Idempotency-Key reused for another request. Fix the request; retrying it as is fails again.
 * - RATE_LIMITED: 429: over a request limit (an API key, a user, an organization, an address after failed authentications), or, on inviteMember and resendInvitation, over the hourly invitation limits. Wait extensions.retryAfter seconds (the Retry-After header).
 * - SERVICE_UNAVAILABLE: 503: the service was too busy or its database unreachable; nothing was changed. Retry after extensions.retryAfter seconds.
 * - GRAPHQL_PARSE_FAILED: 400: the document is not valid GraphQL syntax.
 * - GRAPHQL_VALIDATION_FAILED: 400: the document does not match the schema (a field or argument that does not exist).
 * - BAD_REQUEST: 400: not a GraphQL request yoga can read (no query, bad JSON, a GET for a mutation, a missing CSRF header on a simple request).
 * - OPERATION_RESOLUTION_FAILURE: 400: operationName names no operation of the document, or several need one.
 * - REQUEST_ENTITY_TOO_LARGE: 413: the request body is over MAX_BODY_BYTES.
 * - QUERY_COMPLEXITY: The query costs more than the complexity limit: ask for fewer items or fewer nested lists.
 * - QUERY_DEPTH: The query nests deeper than the limit.
 * - QUERY_BREADTH: The query selects more fields than the limit.
 * - INTERNAL_SERVER_ERROR: A bug on our side, masked: the log has it under the response's x-request-id. Retrying may help; report the request id.
 */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


/**
 * The root of every read. Errors: a refused request or field answers a top-level error whose extensions.code is one of:
 *
 * - UNAUTHENTICATED: 401 when a credential was sent but is malformed, invalid, expired, revoked or rotated out (the message says which); a field that needs a credential sent none. Send a valid token or API key.
 * - FORBIDDEN: Visible to you, but your role or your key's scopes don't allow it (a member inviting an admin, a READ key writing). Ask an admin, or use a key with the scope.
 * - NOT_FOUND: Not visible to you: missing, or another organization's (the two are never told apart). Check the id and the organization you selected.
 * - BAD_USER_INPUT: A malformed request: a bad id, page size over 100, conflicting organization selectors, an Idempotency-Key reused for another request. Fix the request; retrying it as is fails again.
 * - RATE_LIMITED: 429: over a request limit (an API key, a user, an organization, an address after failed authentications), or, on inviteMember and resendInvitation, over the hourly invitation limits. Wait extensions.retryAfter seconds (the Retry-After header).
 * - SERVICE_UNAVAILABLE: 503: the service was too busy or its database unreachable; nothing was changed. Retry after extensions.retryAfter seconds.
 * - GRAPHQL_PARSE_FAILED: 400: the document is not valid GraphQL syntax.
 * - GRAPHQL_VALIDATION_FAILED: 400: the document does not match the schema (a field or argument that does not exist).
 * - BAD_REQUEST: 400: not a GraphQL request yoga can read (no query, bad JSON, a GET for a mutation, a missing CSRF header on a simple request).
 * - OPERATION_RESOLUTION_FAILURE: 400: operationName names no operation of the document, or several need one.
 * - REQUEST_ENTITY_TOO_LARGE: 413: the request body is over MAX_BODY_BYTES.
 * - QUERY_COMPLEXITY: The query costs more than the complexity limit: ask for fewer items or fewer nested lists.
 * - QUERY_DEPTH: The query nests deeper than the limit.
 * - QUERY_BREADTH: The query selects more fields than the limit.
 * - INTERNAL_SERVER_ERROR: A bug on our side, masked: the log has it under the response's x-request-id. Retrying may help; report the request id.
 */
export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};

export type RemoveMembershipPayload = {
  __typename?: 'RemoveMembershipPayload';
  removedMembershipId?: Maybe<Scalars['ID']['output']>;
  userErrors: Array<UserError>;
};

export type RotateApiKeyInput = {
  apiKeyId: Scalars['ID']['input'];
  /** How long the current secret keeps working next to the new one: default 86400 (24 h), 0 ends it at once, at most 30 days. */
  gracePeriodSeconds?: InputMaybe<Scalars['Int']['input']>;
};

export type RotateApiKeyPayload = {
  __typename?: 'RotateApiKeyPayload';
  apiKey?: Maybe<ApiKey>;
  /** The full secret. Returned once, never stored in plain text, never shown again. */
  secret?: Maybe<Scalars['String']['output']>;
  userErrors: Array<UserError>;
};

export type SetActiveOrganizationInput = {
  slug: Scalars['String']['input'];
};

export type SetActiveOrganizationPayload = {
  __typename?: 'SetActiveOrganizationPayload';
  organization?: Maybe<Organization>;
  userErrors: Array<UserError>;
};

export type Task = Node & {
  __typename?: 'Task';
  assignee?: Maybe<User>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** Most recently attached first. Members and READ API keys. */
  labels: LabelConnection;
  project: Project;
  status: TaskStatus;
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};


export type TaskLabelsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type TaskConnection = {
  __typename?: 'TaskConnection';
  edges: Array<TaskEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type TaskEdge = {
  __typename?: 'TaskEdge';
  cursor: Scalars['String']['output'];
  node: Task;
};

export type TaskPayload = {
  __typename?: 'TaskPayload';
  task?: Maybe<Task>;
  userErrors: Array<UserError>;
};

export type TaskRefInput = {
  taskId: Scalars['ID']['input'];
};

export type TaskStatus =
  | 'DONE'
  | 'IN_PROGRESS'
  | 'TODO';

export type UpdateLabelInput = {
  color?: InputMaybe<Scalars['String']['input']>;
  labelId: Scalars['ID']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateMembershipRoleInput = {
  membershipId: Scalars['ID']['input'];
  role: MembershipRole;
};

export type UpdateOrganizationInput = {
  name?: InputMaybe<Scalars['String']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateOrganizationPayload = {
  __typename?: 'UpdateOrganizationPayload';
  organization?: Maybe<Organization>;
  userErrors: Array<UserError>;
};

export type UpdateProjectInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  projectId: Scalars['ID']['input'];
};

export type UpdateTaskInput = {
  /** null unassigns the task. */
  assigneeId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<TaskStatus>;
  taskId: Scalars['ID']['input'];
  title?: InputMaybe<Scalars['String']['input']>;
};

export type User = Node & {
  __typename?: 'User';
  email: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name?: Maybe<Scalars['String']['output']>;
};

export type UserError = {
  __typename?: 'UserError';
  /**
   * Stable machine-readable code, one of:
   *
   * - INVALID_INPUT: An input field is invalid: `field` names it and `message` says why.
   * - SLUG_TAKEN: Another organization has this slug: pick another.
   * - LAST_ADMIN: The organization would have no admin left: make someone else admin first.
   * - ALREADY_MEMBER: That person is already a member.
   * - INVITATION_EXPIRED: The invitation has expired: ask for a new one.
   * - INVITATION_NOT_PENDING: The invitation was already accepted, declined or revoked.
   * - EMAIL_MISMATCH: The invitation is addressed to another email than yours.
   * - EMAIL_NOT_VERIFIED: Your email is not verified, so no invitation can be matched to it.
   * - CONFIRMATION_MISMATCH: The confirmation does not match the organization's slug.
   * - ASSIGNEE_NOT_MEMBER: The assignee is not a member of this organization.
   * - ALREADY_REVOKED: The API key is already revoked.
   * - API_KEY_EXPIRED: The API key has expired: create a new one.
   * - RATE_LIMIT_ABOVE_CEILING: A key's own limit may not exceed the operator's ceiling (ApiKey.rateLimit of a key without one).
   */
  code: Scalars['String']['output'];
  /** Path to the input field at fault, e.g. ["input", "slug"]. */
  field?: Maybe<Array<Scalars['String']['output']>>;
  message: Scalars['String']['output'];
};

/** Who is calling: a signed-in user, or an integrator's API key. */
export type Viewer = {
  __typename?: 'Viewer';
  /** The organization this request acts on, or null. */
  activeOrganization?: Maybe<Organization>;
  /** The API key making this request, or null for a user. */
  apiKey?: Maybe<ApiKey>;
  /** Every membership of the signed-in user, across all their organizations. */
  memberships: MembershipConnection;
  /** Pending, unexpired invitations addressed to the user's verified email (the newest 100). */
  pendingInvitations: Array<Invitation>;
  user?: Maybe<User>;
};


/** Who is calling: a signed-in user, or an integrator's API key. */
export type ViewerMembershipsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type IntegratorCreateKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type IntegratorCreateKeyMutation = { __typename?: 'Mutation', createApiKey: { __typename?: 'CreateApiKeyPayload', secret?: string | null, apiKey?: { __typename?: 'ApiKey', id: string, rateLimit: { __typename?: 'ApiKeyRateLimit', perSecond: number, burst: number } } | null, userErrors: Array<{ __typename?: 'UserError', code: string, field?: Array<string> | null }> } };

export type IntegratorRotateKeyMutationVariables = Exact<{
  input: RotateApiKeyInput;
}>;


export type IntegratorRotateKeyMutation = { __typename?: 'Mutation', rotateApiKey: { __typename?: 'RotateApiKeyPayload', secret?: string | null, apiKey?: { __typename?: 'ApiKey', id: string, name: string, scopes: Array<ApiKeyScope>, rotatedAt?: string | null, previousSecretExpiresAt?: string | null, previousSecretLastUsedAt?: string | null, secretLastUsedAt?: string | null } | null, userErrors: Array<{ __typename?: 'UserError', code: string }> } };

export type IntegratorRevokeKeyMutationVariables = Exact<{
  input: ApiKeyRefInput;
}>;


export type IntegratorRevokeKeyMutation = { __typename?: 'Mutation', revokeApiKey: { __typename?: 'ApiKeyPayload', apiKey?: { __typename?: 'ApiKey', revokedAt?: string | null } | null, userErrors: Array<{ __typename?: 'UserError', code: string }> } };

export type IntegratorKeySecretsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type IntegratorKeySecretsQuery = { __typename?: 'Query', node?: { __typename?: 'ApiKey', lastUsedAt?: string | null, secretLastUsedAt?: string | null, previousSecretExpiresAt?: string | null, previousSecretLastUsedAt?: string | null } | { __typename?: 'AuditEvent' } | { __typename?: 'Invitation' } | { __typename?: 'Label' } | { __typename?: 'Membership' } | { __typename?: 'Organization' } | { __typename?: 'Project' } | { __typename?: 'Task' } | { __typename?: 'User' } | null };

export type IntegratorCreateProjectMutationVariables = Exact<{
  input: CreateProjectInput;
}>;


export type IntegratorCreateProjectMutation = { __typename?: 'Mutation', createProject: { __typename?: 'ProjectPayload', project?: { __typename?: 'Project', id: string, name: string } | null, userErrors: Array<{ __typename?: 'UserError', code: string }> } };

export type CreateProjectMutationVariables = Exact<{
  input: CreateProjectInput;
}>;


export type CreateProjectMutation = { __typename?: 'Mutation', createProject: { __typename?: 'ProjectPayload', project?: { __typename?: 'Project', id: string, name: string, description?: string | null, createdBy?: { __typename?: 'User', email: string } | null } | null, userErrors: Array<{ __typename?: 'UserError', code: string, field?: Array<string> | null }> } };

export type UpdateProjectMutationVariables = Exact<{
  input: UpdateProjectInput;
}>;


export type UpdateProjectMutation = { __typename?: 'Mutation', updateProject: { __typename?: 'ProjectPayload', project?: { __typename?: 'Project', name: string, description?: string | null } | null, userErrors: Array<{ __typename?: 'UserError', code: string, field?: Array<string> | null }> } };

export type DeleteProjectMutationVariables = Exact<{
  input: ProjectRefInput;
}>;


export type DeleteProjectMutation = { __typename?: 'Mutation', deleteProject: { __typename?: 'DeleteProjectPayload', deletedProjectId?: string | null, userErrors: Array<{ __typename?: 'UserError', code: string }> } };

export type CreateTaskMutationVariables = Exact<{
  input: CreateTaskInput;
}>;


export type CreateTaskMutation = { __typename?: 'Mutation', createTask: { __typename?: 'TaskPayload', task?: { __typename?: 'Task', id: string, title: string, status: TaskStatus, assignee?: { __typename?: 'User', email: string } | null, project: { __typename?: 'Project', name: string } } | null, userErrors: Array<{ __typename?: 'UserError', code: string, field?: Array<string> | null }> } };

export type UpdateTaskMutationVariables = Exact<{
  input: UpdateTaskInput;
}>;


export type UpdateTaskMutation = { __typename?: 'Mutation', updateTask: { __typename?: 'TaskPayload', task?: { __typename?: 'Task', title: string, status: TaskStatus, assignee?: { __typename?: 'User', email: string } | null } | null, userErrors: Array<{ __typename?: 'UserError', code: string, field?: Array<string> | null }> } };

export type DeleteTaskMutationVariables = Exact<{
  input: TaskRefInput;
}>;


export type DeleteTaskMutation = { __typename?: 'Mutation', deleteTask: { __typename?: 'DeleteTaskPayload', deletedTaskId?: string | null, userErrors: Array<{ __typename?: 'UserError', code: string }> } };

export type ProjectsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<TaskStatus>;
}>;


export type ProjectsQuery = { __typename?: 'Query', organization?: { __typename?: 'Organization', projects?: { __typename?: 'ProjectConnection', totalCount: number, edges: Array<{ __typename?: 'ProjectEdge', node: { __typename?: 'Project', id: string, name: string, tasks: { __typename?: 'TaskConnection', totalCount: number, edges: Array<{ __typename?: 'TaskEdge', node: { __typename?: 'Task', title: string, status: TaskStatus, assignee?: { __typename?: 'User', email: string, name?: string | null } | null } }> } } }> } | null } | null };

export type InviteMutationVariables = Exact<{
  input: InviteMemberInput;
}>;


export type InviteMutation = { __typename?: 'Mutation', inviteMember: { __typename?: 'InviteMemberPayload', invitation?: { __typename?: 'Invitation', id: string, email: string, role: MembershipRole, status: InvitationStatus, organization: { __typename?: 'Organization', slug: string }, invitedBy?: { __typename?: 'User', email: string } | null } | null, userErrors: Array<{ __typename?: 'UserError', code: string, field?: Array<string> | null }> } };

export type AcceptMutationVariables = Exact<{
  input: AcceptInvitationInput;
}>;


export type AcceptMutation = { __typename?: 'Mutation', acceptInvitation: { __typename?: 'AcceptInvitationPayload', membership?: { __typename?: 'Membership', role: MembershipRole, organization: { __typename?: 'Organization', slug: string }, user: { __typename?: 'User', email: string } } | null, userErrors: Array<{ __typename?: 'UserError', code: string }> } };

export type DeclineMutationVariables = Exact<{
  input: AcceptInvitationInput;
}>;


export type DeclineMutation = { __typename?: 'Mutation', declineInvitation: { __typename?: 'InvitationPayload', invitation?: { __typename?: 'Invitation', status: InvitationStatus, organization: { __typename?: 'Organization', id: string, slug: string, name: string } } | null, userErrors: Array<{ __typename?: 'UserError', code: string }> } };

export type RevokeMutationVariables = Exact<{
  input: InvitationRefInput;
}>;


export type RevokeMutation = { __typename?: 'Mutation', revokeInvitation: { __typename?: 'InvitationPayload', invitation?: { __typename?: 'Invitation', status: InvitationStatus } | null, userErrors: Array<{ __typename?: 'UserError', code: string }> } };

export type ResendMutationVariables = Exact<{
  input: InvitationRefInput;
}>;


export type ResendMutation = { __typename?: 'Mutation', resendInvitation: { __typename?: 'InvitationPayload', invitation?: { __typename?: 'Invitation', status: InvitationStatus, expiresAt: string } | null, userErrors: Array<{ __typename?: 'UserError', code: string }> } };

export type UpdateRoleMutationVariables = Exact<{
  input: UpdateMembershipRoleInput;
}>;


export type UpdateRoleMutation = { __typename?: 'Mutation', updateMembershipRole: { __typename?: 'MembershipPayload', membership?: { __typename?: 'Membership', role: MembershipRole } | null, userErrors: Array<{ __typename?: 'UserError', code: string }> } };

export type RemoveMutationVariables = Exact<{
  input: MembershipRefInput;
}>;


export type RemoveMutation = { __typename?: 'Mutation', removeMembership: { __typename?: 'RemoveMembershipPayload', removedMembershipId?: string | null, userErrors: Array<{ __typename?: 'UserError', code: string }> } };

export type LeaveMutationVariables = Exact<{ [key: string]: never; }>;


export type LeaveMutation = { __typename?: 'Mutation', leaveOrganization: { __typename?: 'RemoveMembershipPayload', removedMembershipId?: string | null, userErrors: Array<{ __typename?: 'UserError', code: string }> } };

export type UpdateOrgMutationVariables = Exact<{
  input: UpdateOrganizationInput;
}>;


export type UpdateOrgMutation = { __typename?: 'Mutation', updateOrganization: { __typename?: 'UpdateOrganizationPayload', organization?: { __typename?: 'Organization', name: string, slug: string } | null, userErrors: Array<{ __typename?: 'UserError', code: string, field?: Array<string> | null }> } };

export type DeleteOrgMutationVariables = Exact<{
  input: DeleteOrganizationInput;
}>;


export type DeleteOrgMutation = { __typename?: 'Mutation', deleteOrganization: { __typename?: 'DeleteOrganizationPayload', deletedOrganizationId?: string | null, userErrors: Array<{ __typename?: 'UserError', code: string }> } };

export type CreateKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateKeyMutation = { __typename?: 'Mutation', createApiKey: { __typename?: 'CreateApiKeyPayload', secret?: string | null, apiKey?: { __typename?: 'ApiKey', id: string, name: string, prefix: string, scopes: Array<ApiKeyScope>, createdBy?: { __typename?: 'User', email: string } | null } | null, userErrors: Array<{ __typename?: 'UserError', code: string, field?: Array<string> | null }> } };

export type RevokeKeyMutationVariables = Exact<{
  input: ApiKeyRefInput;
}>;


export type RevokeKeyMutation = { __typename?: 'Mutation', revokeApiKey: { __typename?: 'ApiKeyPayload', apiKey?: { __typename?: 'ApiKey', revokedAt?: string | null } | null, userErrors: Array<{ __typename?: 'UserError', code: string }> } };

export type OrgListsQueryVariables = Exact<{
  status?: InputMaybe<InvitationStatus>;
}>;


export type OrgListsQuery = { __typename?: 'Query', organization?: { __typename?: 'Organization', slug: string, invitations?: { __typename?: 'InvitationConnection', totalCount: number, edges: Array<{ __typename?: 'InvitationEdge', node: { __typename?: 'Invitation', email: string, status: InvitationStatus, invitedBy?: { __typename?: 'User', email: string } | null } }> } | null, apiKeys?: { __typename?: 'ApiKeyConnection', totalCount: number, edges: Array<{ __typename?: 'ApiKeyEdge', node: { __typename?: 'ApiKey', name: string, prefix: string } }> } | null, auditEvents?: { __typename?: 'AuditEventConnection', totalCount: number, edges: Array<{ __typename?: 'AuditEventEdge', node: { __typename?: 'AuditEvent', action: string, targetType?: string | null, targetId?: string | null, actor?: { __typename?: 'User', email: string } | null } }> } | null } | null };

export type PendingQueryVariables = Exact<{ [key: string]: never; }>;


export type PendingQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', pendingInvitations: Array<{ __typename?: 'Invitation', id: string, email: string, role: MembershipRole, status: InvitationStatus, organization: { __typename?: 'Organization', id: string, slug: string, name: string, members?: { __typename?: 'MembershipConnection', totalCount: number } | null }, invitedBy?: { __typename?: 'User', email: string } | null }> } };


export const IntegratorCreateKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IntegratorCreateKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rateLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"perSecond"}},{"kind":"Field","name":{"kind":"Name","value":"burst"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<IntegratorCreateKeyMutation, IntegratorCreateKeyMutationVariables>;
export const IntegratorRotateKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IntegratorRotateKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RotateApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rotateApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"rotatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"previousSecretExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"previousSecretLastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"secretLastUsedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<IntegratorRotateKeyMutation, IntegratorRotateKeyMutationVariables>;
export const IntegratorRevokeKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IntegratorRevokeKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKeyRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<IntegratorRevokeKeyMutation, IntegratorRevokeKeyMutationVariables>;
export const IntegratorKeySecretsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IntegratorKeySecrets"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"secretLastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"previousSecretExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"previousSecretLastUsedAt"}}]}}]}}]}}]} as unknown as DocumentNode<IntegratorKeySecretsQuery, IntegratorKeySecretsQueryVariables>;
export const IntegratorCreateProjectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IntegratorCreateProject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateProjectInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createProject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<IntegratorCreateProjectMutation, IntegratorCreateProjectMutationVariables>;
export const CreateProjectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateProject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateProjectInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createProject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<CreateProjectMutation, CreateProjectMutationVariables>;
export const UpdateProjectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateProject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateProjectInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateProject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateProjectMutation, UpdateProjectMutationVariables>;
export const DeleteProjectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteProject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProjectRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteProject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedProjectId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteProjectMutation, DeleteProjectMutationVariables>;
export const CreateTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTaskInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<CreateTaskMutation, CreateTaskMutationVariables>;
export const UpdateTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateTaskInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateTaskMutation, UpdateTaskMutationVariables>;
export const DeleteTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedTaskId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteTaskMutation, DeleteTaskMutationVariables>;
export const ProjectsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Projects"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"projects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProjectsQuery, ProjectsQueryVariables>;
export const InviteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Invite"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"InviteMemberInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inviteMember"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invitation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"invitedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<InviteMutation, InviteMutationVariables>;
export const AcceptDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Accept"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AcceptInvitationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acceptInvitation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"membership"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<AcceptMutation, AcceptMutationVariables>;
export const DeclineDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Decline"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AcceptInvitationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"declineInvitation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invitation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DeclineMutation, DeclineMutationVariables>;
export const RevokeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Revoke"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"InvitationRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeInvitation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invitation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RevokeMutation, RevokeMutationVariables>;
export const ResendDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Resend"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"InvitationRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resendInvitation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invitation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ResendMutation, ResendMutationVariables>;
export const UpdateRoleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateRole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateMembershipRoleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateMembershipRole"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"membership"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateRoleMutation, UpdateRoleMutationVariables>;
export const RemoveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Remove"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MembershipRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeMembership"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removedMembershipId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RemoveMutation, RemoveMutationVariables>;
export const LeaveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Leave"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"leaveOrganization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removedMembershipId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<LeaveMutation, LeaveMutationVariables>;
export const UpdateOrgDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateOrg"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateOrganizationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateOrganization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateOrgMutation, UpdateOrgMutationVariables>;
export const DeleteOrgDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteOrg"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteOrganizationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteOrganization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedOrganizationId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteOrgMutation, DeleteOrgMutationVariables>;
export const CreateKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<CreateKeyMutation, CreateKeyMutationVariables>;
export const RevokeKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKeyRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RevokeKeyMutation, RevokeKeyMutationVariables>;
export const OrgListsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrgLists"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"InvitationStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"invitations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"invitedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"auditEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrgListsQuery, OrgListsQueryVariables>;
export const PendingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Pending"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pendingInvitations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"invitedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PendingQuery, PendingQueryVariables>;