using Platform.Contracts.Events;
using Platform.Governance.Domain.Credit;

namespace Platform.Governance.Api.Credit;

public sealed record CreditRatingResponse(string RuleSetId, DateOnly AsOf, int Score, CreditGrade Grade, int GoodPoints, int BadPoints, bool Blacklisted)
{
    public static CreditRatingResponse From(CreditRating r) => new(r.RuleSetId, r.AsOf, r.Score, r.Grade, r.GoodPoints, r.BadPoints, r.Blacklisted);
}

public sealed record CompanyCreditRecordResponse(
    Guid Id, Guid CompanyId, Guid? ProjectManagerId, Guid? CommunityId, Guid? ProblemId, CreditKind Kind, int Points, string Reason,
    CreditSource Source, string Department, string RecordedBy, DateOnly RecordedOn)
{
    public static CompanyCreditRecordResponse From(CompanyCreditRecord r) =>
        new(r.Id, r.CompanyId, r.ProjectManagerId, r.CommunityId, r.ProblemId, r.Kind, r.Points, r.Reason, r.Source, r.Department, r.RecordedBy, r.RecordedOn);
}

public sealed record BlacklistEntryResponse(
    Guid Id, Guid CompanyId, Guid? ProjectManagerId, BlacklistReason Reason, string Detail, DateOnly From, DateOnly Until, bool Active, string Department)
{
    public static BlacklistEntryResponse Of(BlacklistEntry e, DateOnly today) =>
        new(e.Id, e.CompanyId, e.ProjectManagerId, e.Reason, e.Detail, e.From, e.Until, e.IsActiveOn(today), e.Department);
}

/// <summary>A company's credit file: its rating today, its records and its blacklist entries (its managers' included).</summary>
public sealed record CompanyCreditFileResponse(
    Guid CompanyId, CreditRatingResponse Rating, IReadOnlyList<CompanyCreditRecordResponse> Records, IReadOnlyList<BlacklistEntryResponse> Blacklist);

public sealed record ProjectManagerResponse(Guid Id, Guid CompanyId, string Name, Guid? CommunityId, CreditRatingResponse Rating);

public sealed record OwnerCreditRecordResponse(
    Guid Id, Guid CommunityId, Guid OwnerId, CreditKind Kind, OwnerCreditCategory Category, string Note, DateOnly RecordedOn, string Organisation)
{
    public static OwnerCreditRecordResponse From(OwnerCreditRecord r) =>
        new(r.Id, r.CommunityId, r.OwnerId, r.Kind, r.Category, r.Note, r.RecordedOn, r.Organisation);
}

/// <summary>What the county publishes about a company: who it is, its score and grade, and whether it is blacklisted.</summary>
public sealed record PublishedRatingResponse(
    Guid CompanyId, string Name, string UnifiedSocialCreditCode, DateOnly AsOf, int Score, CreditGrade Grade, bool Blacklisted, DateOnly? BlacklistedUntil);
