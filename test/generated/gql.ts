/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation IntegratorCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey {\n        id\n        rateLimit {\n          perSecond\n          burst\n        }\n      }\n      secret\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n": typeof types.IntegratorCreateKeyDocument,
    "\n  mutation IntegratorRotateKey($input: RotateApiKeyInput!) {\n    rotateApiKey(input: $input) {\n      apiKey {\n        id\n        name\n        scopes\n        rotatedAt\n        previousSecretExpiresAt\n        previousSecretLastUsedAt\n        secretLastUsedAt\n      }\n      secret\n      userErrors {\n        code\n      }\n    }\n  }\n": typeof types.IntegratorRotateKeyDocument,
    "\n  mutation IntegratorRevokeKey($input: ApiKeyRefInput!) {\n    revokeApiKey(input: $input) {\n      apiKey {\n        revokedAt\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n": typeof types.IntegratorRevokeKeyDocument,
    "\n  query IntegratorKeySecrets($id: ID!) {\n    node(id: $id) {\n      ... on ApiKey {\n        lastUsedAt\n        secretLastUsedAt\n        previousSecretExpiresAt\n        previousSecretLastUsedAt\n      }\n    }\n  }\n": typeof types.IntegratorKeySecretsDocument,
    "\n  mutation IntegratorCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      project {\n        id\n        name\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n": typeof types.IntegratorCreateProjectDocument,
    "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      project {\n        id\n        name\n        description\n        createdBy {\n          email\n        }\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n": typeof types.CreateProjectDocument,
    "\n  mutation UpdateProject($input: UpdateProjectInput!) {\n    updateProject(input: $input) {\n      project {\n        name\n        description\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n": typeof types.UpdateProjectDocument,
    "\n  mutation DeleteProject($input: ProjectRefInput!) {\n    deleteProject(input: $input) {\n      deletedProjectId\n      userErrors {\n        code\n      }\n    }\n  }\n": typeof types.DeleteProjectDocument,
    "\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      task {\n        id\n        title\n        status\n        assignee {\n          email\n        }\n        project {\n          name\n        }\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n": typeof types.CreateTaskDocument,
    "\n  mutation UpdateTask($input: UpdateTaskInput!) {\n    updateTask(input: $input) {\n      task {\n        title\n        status\n        assignee {\n          email\n        }\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n": typeof types.UpdateTaskDocument,
    "\n  mutation DeleteTask($input: TaskRefInput!) {\n    deleteTask(input: $input) {\n      deletedTaskId\n      userErrors {\n        code\n      }\n    }\n  }\n": typeof types.DeleteTaskDocument,
    "\n  query Projects($first: Int, $status: TaskStatus) {\n    organization {\n      projects(first: $first) {\n        totalCount\n        edges {\n          node {\n            id\n            name\n            tasks(first: 20, status: $status) {\n              totalCount\n              edges {\n                node {\n                  title\n                  status\n                  assignee {\n                    email\n                    name\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ProjectsDocument,
    "\n  mutation Invite($input: InviteMemberInput!) {\n    inviteMember(input: $input) {\n      invitation {\n        id\n        email\n        role\n        status\n        organization {\n          slug\n        }\n        invitedBy {\n          email\n        }\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n": typeof types.InviteDocument,
    "\n  mutation Accept($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      membership {\n        role\n        organization {\n          slug\n        }\n        user {\n          email\n        }\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n": typeof types.AcceptDocument,
    "\n  mutation Decline($input: AcceptInvitationInput!) {\n    declineInvitation(input: $input) {\n      invitation {\n        status\n        organization {\n          id\n          slug\n          name\n        }\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n": typeof types.DeclineDocument,
    "\n  mutation Revoke($input: InvitationRefInput!) {\n    revokeInvitation(input: $input) {\n      invitation {\n        status\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n": typeof types.RevokeDocument,
    "\n  mutation Resend($input: InvitationRefInput!) {\n    resendInvitation(input: $input) {\n      invitation {\n        status\n        expiresAt\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n": typeof types.ResendDocument,
    "\n  mutation UpdateRole($input: UpdateMembershipRoleInput!) {\n    updateMembershipRole(input: $input) {\n      membership {\n        role\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n": typeof types.UpdateRoleDocument,
    "\n  mutation Remove($input: MembershipRefInput!) {\n    removeMembership(input: $input) {\n      removedMembershipId\n      userErrors {\n        code\n      }\n    }\n  }\n": typeof types.RemoveDocument,
    "\n  mutation Leave {\n    leaveOrganization {\n      removedMembershipId\n      userErrors {\n        code\n      }\n    }\n  }\n": typeof types.LeaveDocument,
    "\n  mutation UpdateOrg($input: UpdateOrganizationInput!) {\n    updateOrganization(input: $input) {\n      organization {\n        name\n        slug\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n": typeof types.UpdateOrgDocument,
    "\n  mutation DeleteOrg($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) {\n      deletedOrganizationId\n      userErrors {\n        code\n      }\n    }\n  }\n": typeof types.DeleteOrgDocument,
    "\n  mutation CreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey {\n        id\n        name\n        prefix\n        scopes\n        createdBy {\n          email\n        }\n      }\n      secret\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n": typeof types.CreateKeyDocument,
    "\n  mutation RevokeKey($input: ApiKeyRefInput!) {\n    revokeApiKey(input: $input) {\n      apiKey {\n        revokedAt\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n": typeof types.RevokeKeyDocument,
    "\n  query OrgLists($status: InvitationStatus) {\n    organization {\n      slug\n      invitations(status: $status) {\n        totalCount\n        edges {\n          node {\n            email\n            status\n            invitedBy {\n              email\n            }\n          }\n        }\n      }\n      apiKeys {\n        totalCount\n        edges {\n          node {\n            name\n            prefix\n          }\n        }\n      }\n      auditEvents(first: 50) {\n        totalCount\n        edges {\n          node {\n            action\n            actor {\n              email\n            }\n            targetType\n            targetId\n          }\n        }\n      }\n    }\n  }\n": typeof types.OrgListsDocument,
    "\n  query Pending {\n    viewer {\n      pendingInvitations {\n        id\n        email\n        role\n        status\n        organization {\n          id\n          slug\n          name\n          members {\n            totalCount\n          }\n        }\n        invitedBy {\n          email\n        }\n      }\n    }\n  }\n": typeof types.PendingDocument,
};
const documents: Documents = {
    "\n  mutation IntegratorCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey {\n        id\n        rateLimit {\n          perSecond\n          burst\n        }\n      }\n      secret\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n": types.IntegratorCreateKeyDocument,
    "\n  mutation IntegratorRotateKey($input: RotateApiKeyInput!) {\n    rotateApiKey(input: $input) {\n      apiKey {\n        id\n        name\n        scopes\n        rotatedAt\n        previousSecretExpiresAt\n        previousSecretLastUsedAt\n        secretLastUsedAt\n      }\n      secret\n      userErrors {\n        code\n      }\n    }\n  }\n": types.IntegratorRotateKeyDocument,
    "\n  mutation IntegratorRevokeKey($input: ApiKeyRefInput!) {\n    revokeApiKey(input: $input) {\n      apiKey {\n        revokedAt\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n": types.IntegratorRevokeKeyDocument,
    "\n  query IntegratorKeySecrets($id: ID!) {\n    node(id: $id) {\n      ... on ApiKey {\n        lastUsedAt\n        secretLastUsedAt\n        previousSecretExpiresAt\n        previousSecretLastUsedAt\n      }\n    }\n  }\n": types.IntegratorKeySecretsDocument,
    "\n  mutation IntegratorCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      project {\n        id\n        name\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n": types.IntegratorCreateProjectDocument,
    "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      project {\n        id\n        name\n        description\n        createdBy {\n          email\n        }\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n": types.CreateProjectDocument,
    "\n  mutation UpdateProject($input: UpdateProjectInput!) {\n    updateProject(input: $input) {\n      project {\n        name\n        description\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n": types.UpdateProjectDocument,
    "\n  mutation DeleteProject($input: ProjectRefInput!) {\n    deleteProject(input: $input) {\n      deletedProjectId\n      userErrors {\n        code\n      }\n    }\n  }\n": types.DeleteProjectDocument,
    "\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      task {\n        id\n        title\n        status\n        assignee {\n          email\n        }\n        project {\n          name\n        }\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n": types.CreateTaskDocument,
    "\n  mutation UpdateTask($input: UpdateTaskInput!) {\n    updateTask(input: $input) {\n      task {\n        title\n        status\n        assignee {\n          email\n        }\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n": types.UpdateTaskDocument,
    "\n  mutation DeleteTask($input: TaskRefInput!) {\n    deleteTask(input: $input) {\n      deletedTaskId\n      userErrors {\n        code\n      }\n    }\n  }\n": types.DeleteTaskDocument,
    "\n  query Projects($first: Int, $status: TaskStatus) {\n    organization {\n      projects(first: $first) {\n        totalCount\n        edges {\n          node {\n            id\n            name\n            tasks(first: 20, status: $status) {\n              totalCount\n              edges {\n                node {\n                  title\n                  status\n                  assignee {\n                    email\n                    name\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ProjectsDocument,
    "\n  mutation Invite($input: InviteMemberInput!) {\n    inviteMember(input: $input) {\n      invitation {\n        id\n        email\n        role\n        status\n        organization {\n          slug\n        }\n        invitedBy {\n          email\n        }\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n": types.InviteDocument,
    "\n  mutation Accept($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      membership {\n        role\n        organization {\n          slug\n        }\n        user {\n          email\n        }\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n": types.AcceptDocument,
    "\n  mutation Decline($input: AcceptInvitationInput!) {\n    declineInvitation(input: $input) {\n      invitation {\n        status\n        organization {\n          id\n          slug\n          name\n        }\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n": types.DeclineDocument,
    "\n  mutation Revoke($input: InvitationRefInput!) {\n    revokeInvitation(input: $input) {\n      invitation {\n        status\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n": types.RevokeDocument,
    "\n  mutation Resend($input: InvitationRefInput!) {\n    resendInvitation(input: $input) {\n      invitation {\n        status\n        expiresAt\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n": types.ResendDocument,
    "\n  mutation UpdateRole($input: UpdateMembershipRoleInput!) {\n    updateMembershipRole(input: $input) {\n      membership {\n        role\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n": types.UpdateRoleDocument,
    "\n  mutation Remove($input: MembershipRefInput!) {\n    removeMembership(input: $input) {\n      removedMembershipId\n      userErrors {\n        code\n      }\n    }\n  }\n": types.RemoveDocument,
    "\n  mutation Leave {\n    leaveOrganization {\n      removedMembershipId\n      userErrors {\n        code\n      }\n    }\n  }\n": types.LeaveDocument,
    "\n  mutation UpdateOrg($input: UpdateOrganizationInput!) {\n    updateOrganization(input: $input) {\n      organization {\n        name\n        slug\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n": types.UpdateOrgDocument,
    "\n  mutation DeleteOrg($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) {\n      deletedOrganizationId\n      userErrors {\n        code\n      }\n    }\n  }\n": types.DeleteOrgDocument,
    "\n  mutation CreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey {\n        id\n        name\n        prefix\n        scopes\n        createdBy {\n          email\n        }\n      }\n      secret\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n": types.CreateKeyDocument,
    "\n  mutation RevokeKey($input: ApiKeyRefInput!) {\n    revokeApiKey(input: $input) {\n      apiKey {\n        revokedAt\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n": types.RevokeKeyDocument,
    "\n  query OrgLists($status: InvitationStatus) {\n    organization {\n      slug\n      invitations(status: $status) {\n        totalCount\n        edges {\n          node {\n            email\n            status\n            invitedBy {\n              email\n            }\n          }\n        }\n      }\n      apiKeys {\n        totalCount\n        edges {\n          node {\n            name\n            prefix\n          }\n        }\n      }\n      auditEvents(first: 50) {\n        totalCount\n        edges {\n          node {\n            action\n            actor {\n              email\n            }\n            targetType\n            targetId\n          }\n        }\n      }\n    }\n  }\n": types.OrgListsDocument,
    "\n  query Pending {\n    viewer {\n      pendingInvitations {\n        id\n        email\n        role\n        status\n        organization {\n          id\n          slug\n          name\n          members {\n            totalCount\n          }\n        }\n        invitedBy {\n          email\n        }\n      }\n    }\n  }\n": types.PendingDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IntegratorCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey {\n        id\n        rateLimit {\n          perSecond\n          burst\n        }\n      }\n      secret\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IntegratorCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey {\n        id\n        rateLimit {\n          perSecond\n          burst\n        }\n      }\n      secret\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IntegratorRotateKey($input: RotateApiKeyInput!) {\n    rotateApiKey(input: $input) {\n      apiKey {\n        id\n        name\n        scopes\n        rotatedAt\n        previousSecretExpiresAt\n        previousSecretLastUsedAt\n        secretLastUsedAt\n      }\n      secret\n      userErrors {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IntegratorRotateKey($input: RotateApiKeyInput!) {\n    rotateApiKey(input: $input) {\n      apiKey {\n        id\n        name\n        scopes\n        rotatedAt\n        previousSecretExpiresAt\n        previousSecretLastUsedAt\n        secretLastUsedAt\n      }\n      secret\n      userErrors {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IntegratorRevokeKey($input: ApiKeyRefInput!) {\n    revokeApiKey(input: $input) {\n      apiKey {\n        revokedAt\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IntegratorRevokeKey($input: ApiKeyRefInput!) {\n    revokeApiKey(input: $input) {\n      apiKey {\n        revokedAt\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IntegratorKeySecrets($id: ID!) {\n    node(id: $id) {\n      ... on ApiKey {\n        lastUsedAt\n        secretLastUsedAt\n        previousSecretExpiresAt\n        previousSecretLastUsedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query IntegratorKeySecrets($id: ID!) {\n    node(id: $id) {\n      ... on ApiKey {\n        lastUsedAt\n        secretLastUsedAt\n        previousSecretExpiresAt\n        previousSecretLastUsedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IntegratorCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      project {\n        id\n        name\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IntegratorCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      project {\n        id\n        name\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      project {\n        id\n        name\n        description\n        createdBy {\n          email\n        }\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      project {\n        id\n        name\n        description\n        createdBy {\n          email\n        }\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProject($input: UpdateProjectInput!) {\n    updateProject(input: $input) {\n      project {\n        name\n        description\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProject($input: UpdateProjectInput!) {\n    updateProject(input: $input) {\n      project {\n        name\n        description\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteProject($input: ProjectRefInput!) {\n    deleteProject(input: $input) {\n      deletedProjectId\n      userErrors {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteProject($input: ProjectRefInput!) {\n    deleteProject(input: $input) {\n      deletedProjectId\n      userErrors {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      task {\n        id\n        title\n        status\n        assignee {\n          email\n        }\n        project {\n          name\n        }\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      task {\n        id\n        title\n        status\n        assignee {\n          email\n        }\n        project {\n          name\n        }\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateTask($input: UpdateTaskInput!) {\n    updateTask(input: $input) {\n      task {\n        title\n        status\n        assignee {\n          email\n        }\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateTask($input: UpdateTaskInput!) {\n    updateTask(input: $input) {\n      task {\n        title\n        status\n        assignee {\n          email\n        }\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteTask($input: TaskRefInput!) {\n    deleteTask(input: $input) {\n      deletedTaskId\n      userErrors {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteTask($input: TaskRefInput!) {\n    deleteTask(input: $input) {\n      deletedTaskId\n      userErrors {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Projects($first: Int, $status: TaskStatus) {\n    organization {\n      projects(first: $first) {\n        totalCount\n        edges {\n          node {\n            id\n            name\n            tasks(first: 20, status: $status) {\n              totalCount\n              edges {\n                node {\n                  title\n                  status\n                  assignee {\n                    email\n                    name\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Projects($first: Int, $status: TaskStatus) {\n    organization {\n      projects(first: $first) {\n        totalCount\n        edges {\n          node {\n            id\n            name\n            tasks(first: 20, status: $status) {\n              totalCount\n              edges {\n                node {\n                  title\n                  status\n                  assignee {\n                    email\n                    name\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Invite($input: InviteMemberInput!) {\n    inviteMember(input: $input) {\n      invitation {\n        id\n        email\n        role\n        status\n        organization {\n          slug\n        }\n        invitedBy {\n          email\n        }\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Invite($input: InviteMemberInput!) {\n    inviteMember(input: $input) {\n      invitation {\n        id\n        email\n        role\n        status\n        organization {\n          slug\n        }\n        invitedBy {\n          email\n        }\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Accept($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      membership {\n        role\n        organization {\n          slug\n        }\n        user {\n          email\n        }\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Accept($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      membership {\n        role\n        organization {\n          slug\n        }\n        user {\n          email\n        }\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Decline($input: AcceptInvitationInput!) {\n    declineInvitation(input: $input) {\n      invitation {\n        status\n        organization {\n          id\n          slug\n          name\n        }\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Decline($input: AcceptInvitationInput!) {\n    declineInvitation(input: $input) {\n      invitation {\n        status\n        organization {\n          id\n          slug\n          name\n        }\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Revoke($input: InvitationRefInput!) {\n    revokeInvitation(input: $input) {\n      invitation {\n        status\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Revoke($input: InvitationRefInput!) {\n    revokeInvitation(input: $input) {\n      invitation {\n        status\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Resend($input: InvitationRefInput!) {\n    resendInvitation(input: $input) {\n      invitation {\n        status\n        expiresAt\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Resend($input: InvitationRefInput!) {\n    resendInvitation(input: $input) {\n      invitation {\n        status\n        expiresAt\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRole($input: UpdateMembershipRoleInput!) {\n    updateMembershipRole(input: $input) {\n      membership {\n        role\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateRole($input: UpdateMembershipRoleInput!) {\n    updateMembershipRole(input: $input) {\n      membership {\n        role\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Remove($input: MembershipRefInput!) {\n    removeMembership(input: $input) {\n      removedMembershipId\n      userErrors {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Remove($input: MembershipRefInput!) {\n    removeMembership(input: $input) {\n      removedMembershipId\n      userErrors {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Leave {\n    leaveOrganization {\n      removedMembershipId\n      userErrors {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Leave {\n    leaveOrganization {\n      removedMembershipId\n      userErrors {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateOrg($input: UpdateOrganizationInput!) {\n    updateOrganization(input: $input) {\n      organization {\n        name\n        slug\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateOrg($input: UpdateOrganizationInput!) {\n    updateOrganization(input: $input) {\n      organization {\n        name\n        slug\n      }\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteOrg($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) {\n      deletedOrganizationId\n      userErrors {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteOrg($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) {\n      deletedOrganizationId\n      userErrors {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey {\n        id\n        name\n        prefix\n        scopes\n        createdBy {\n          email\n        }\n      }\n      secret\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey {\n        id\n        name\n        prefix\n        scopes\n        createdBy {\n          email\n        }\n      }\n      secret\n      userErrors {\n        code\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeKey($input: ApiKeyRefInput!) {\n    revokeApiKey(input: $input) {\n      apiKey {\n        revokedAt\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeKey($input: ApiKeyRefInput!) {\n    revokeApiKey(input: $input) {\n      apiKey {\n        revokedAt\n      }\n      userErrors {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgLists($status: InvitationStatus) {\n    organization {\n      slug\n      invitations(status: $status) {\n        totalCount\n        edges {\n          node {\n            email\n            status\n            invitedBy {\n              email\n            }\n          }\n        }\n      }\n      apiKeys {\n        totalCount\n        edges {\n          node {\n            name\n            prefix\n          }\n        }\n      }\n      auditEvents(first: 50) {\n        totalCount\n        edges {\n          node {\n            action\n            actor {\n              email\n            }\n            targetType\n            targetId\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgLists($status: InvitationStatus) {\n    organization {\n      slug\n      invitations(status: $status) {\n        totalCount\n        edges {\n          node {\n            email\n            status\n            invitedBy {\n              email\n            }\n          }\n        }\n      }\n      apiKeys {\n        totalCount\n        edges {\n          node {\n            name\n            prefix\n          }\n        }\n      }\n      auditEvents(first: 50) {\n        totalCount\n        edges {\n          node {\n            action\n            actor {\n              email\n            }\n            targetType\n            targetId\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Pending {\n    viewer {\n      pendingInvitations {\n        id\n        email\n        role\n        status\n        organization {\n          id\n          slug\n          name\n          members {\n            totalCount\n          }\n        }\n        invitedBy {\n          email\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Pending {\n    viewer {\n      pendingInvitations {\n        id\n        email\n        role\n        status\n        organization {\n          id\n          slug\n          name\n          members {\n            totalCount\n          }\n        }\n        invitedBy {\n          email\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;