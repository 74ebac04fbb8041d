// Placeholder: the codes of this area are added here (a closed union of DomainError subclasses).
export type InvitationErrorCode = never;
