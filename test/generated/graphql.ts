/* eslint-disable */
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
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

export type MembershipRole =
  | 'ADMIN'
  | 'MEMBER';

export type Mutation = {
  __typename?: 'Mutation';
  /** Any signed-in user; the creator becomes its ADMIN. */
  createOrganization: CreateOrganizationPayload;
  /** Stores the user's active organization; they must be a member. */
  setActiveOrganization: SetActiveOrganizationPayload;
};


export type MutationCreateOrganizationArgs = {
  input: CreateOrganizationInput;
};


export type MutationSetActiveOrganizationArgs = {
  input: SetActiveOrganizationInput;
};

export type Node = {
  id: Scalars['ID']['output'];
};

export type Organization = Node & {
  __typename?: 'Organization';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  members?: Maybe<MembershipConnection>;
  name: Scalars['String']['output'];
  slug: Scalars['String']['output'];
  /** The caller's own membership here; null for an API key. */
  viewerMembership?: Maybe<Membership>;
};


export type OrganizationMembersArgs = {
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

export type Query = {
  __typename?: 'Query';
  node?: Maybe<Node>;
  nodes: Array<Maybe<Node>>;
  /** The request's active organization, or null. */
  organization?: Maybe<Organization>;
  /** UNAUTHENTICATED error without credentials. */
  viewer: Viewer;
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};

export type SetActiveOrganizationInput = {
  slug: Scalars['String']['input'];
};

export type SetActiveOrganizationPayload = {
  __typename?: 'SetActiveOrganizationPayload';
  organization?: Maybe<Organization>;
  userErrors: Array<UserError>;
};

export type User = Node & {
  __typename?: 'User';
  email: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name?: Maybe<Scalars['String']['output']>;
};

export type UserError = {
  __typename?: 'UserError';
  /** Stable machine-readable code, e.g. SLUG_TAKEN, LAST_ADMIN, INVITATION_EXPIRED. */
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
  /** Every membership of the signed-in user, across all their organizations. */
  memberships: MembershipConnection;
  user?: Maybe<User>;
};


/** Who is calling: a signed-in user, or an integrator's API key. */
export type ViewerMembershipsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};
