using Platform.BuildingBlocks.Validation;

namespace Platform.Governance.Api.Committees;

public sealed record OpenCommitteeElectionRequest(
    string? Title, string? Text, int? Seats, int? TermYears, IReadOnlyList<Guid>? CandidateOwnerIds, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt)
    : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.Required("title", Title).Optional("text", Text, 20_000)
            .InRange("seats", Seats, Committee.MinSeats, Committee.MaxSeats)
            .InRange("termYears", TermYears, 1, Committee.MaxTermYears);
        if (Seats is { } seats && !Committee.IsValidSeatCount(seats))
        {
            errors.Add("seats", "error.odd_seats", Committee.MinSeats, Committee.MaxSeats);
        }

        if (CandidateOwnerIds is null || CandidateOwnerIds.Count != Seats || CandidateOwnerIds.Distinct().Count() != CandidateOwnerIds.Count)
        {
            errors.Add("candidateOwnerIds", "error.candidates_equal_seats", Seats ?? 0);
        }

        if (ClosesAt is null)
        {
            errors.Add("closesAt", "error.required");
        }
        else if (OpensAt is { } opens && ClosesAt <= opens)
        {
            // The rest of the window (notice, minimum, maximum, the server's now) is the rule set's, checked as the vote opens.
            errors.Add("closesAt", "error.out_of_range", opens, "∞");
        }
    }
}

public sealed record SupervisoryMemberRequest(string? Name, Guid? OwnerId, CommitteeRole? Role);

public sealed record FormSupervisoryCommitteeRequest(DateOnly? TermStart, DateOnly? TermEnd, IReadOnlyList<SupervisoryMemberRequest>? Members) : IValidatableRequest
{
    public const int MinMembers = 3;
    public const int MaxMembers = 11;

    public void Validate(ValidationErrors errors)
    {
        if (TermStart is null)
        {
            errors.Add("termStart", "error.required");
        }

        if (TermEnd is null || (TermStart is { } start && (TermEnd <= start || TermEnd > start.AddYears(Committee.MaxTermYears))))
        {
            errors.Add("termEnd", "error.out_of_range", TermStart, TermStart?.AddYears(Committee.MaxTermYears));
        }

        if (Members is null || Members.Count is < MinMembers or > MaxMembers)
        {
            errors.Add("members", "error.out_of_range", MinMembers, MaxMembers);
            return;
        }

        for (var i = 0; i < Members.Count; i++)
        {
            errors.Required($"members[{i}].name", Members[i].Name, 100).Defined($"members[{i}].role", Members[i].Role);
        }

        if (Members.Count(m => m.Role == CommitteeRole.Chair) > 1)
        {
            errors.Add("members", "error.one_chair");
        }
    }
}

public sealed record AssignRoleRequest(CommitteeRole? Role) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.Defined("role", Role);
}

public sealed record CommitteeMemberResponse(Guid Id, Guid? OwnerId, string Name, CommitteeRole Role, bool IsOwner);

public sealed record CommitteeResponse(
    Guid Id, CommitteeKind Kind, DateOnly TermStart, DateOnly TermEnd, DateOnly? EndedOn, Guid? ElectedByProposalId, IReadOnlyList<CommitteeMemberResponse> Members)
{
    public static CommitteeResponse From(Committee c) => new(c.Id, c.Kind, c.TermStart, c.TermEnd, c.EndedOn, c.ElectedByProposalId,
        c.Members.OrderBy(m => m.Role).ThenBy(m => m.Name).Select(m => new CommitteeMemberResponse(m.Id, m.OwnerId, m.Name, m.Role, m.OwnerId is not null)).ToList());
}

/// <summary>Who acts for the owners now: their committee, or — where none is in office — the community (社区), shown as such.</summary>
public sealed record CommunityCommitteesResponse(
    Guid CommunityId, string ActingAsOwnersCommittee, CommitteeResponse? OwnersCommittee, CommitteeResponse? SupervisoryCommittee, IReadOnlyList<CommitteeResponse> Former);

public sealed record CommitteeElectionResponse(Guid Id, Guid CommunityId, Guid ProposalId, int Seats, int TermYears, IReadOnlyList<Guid> CandidateOwnerIds, Guid? CommitteeId);
