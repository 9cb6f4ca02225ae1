using Platform.Governance.Domain.Problems;

namespace Platform.Governance.Api.ProblemLists;

public sealed record ProblemFixResponse(
    Guid Id, string Description, DateOnly DoneOn, string Organisation, string ReportedBy, DateTimeOffset ReportedAt, FixOutcome Outcome, string? ReviewNote)
{
    public static ProblemFixResponse From(ProblemFix f) => new(f.Id, f.Description, f.DoneOn, f.Organisation, f.ReportedBy, f.ReportedAt, f.Outcome, f.ReviewNote);
}

public sealed record CampaignProblemResponse(
    Guid Id, Guid CommunityId, ProblemCategory Category, string Description, ResponsibleParty ResponsibleParty, Guid? ResponsibleCompanyId,
    string ResponsiblePartyName, DateOnly FoundOn, DateOnly Deadline, ProblemStatus Status, bool IsOverdue, Guid? PenaltyRecordId,
    DateTimeOffset? FinishedAt, string? FinishingNote, IReadOnlyList<ProblemFixResponse> Fixes)
{
    public static CampaignProblemResponse From(CampaignProblem p, DateOnly today) =>
        new(p.Id, p.CommunityId, p.Category, p.Description, p.ResponsibleParty, p.ResponsibleCompanyId, p.ResponsiblePartyName, p.FoundOn, p.Deadline,
            p.Status, p.IsOverdueOn(today), p.PenaltyRecordId, p.FinishedAt, p.FinishingNote,
            p.Fixes.OrderBy(f => f.ReportedAt).Select(ProblemFixResponse.From).ToList());
}

/// <summary>One community's line in the township's or the county's overview.</summary>
public sealed record CommunityProblemCounts(
    Guid CommunityId, string CommunityName, Guid TownshipId, int Open, int FixReported, int Closed, int Refused, int Overdue, int Total);
