using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Events;
using Platform.Governance.Domain.Voting;

namespace Platform.Governance.Api.Voting;

/// <summary>Whose owners vote: the whole community (no scope), some of its buildings, or a list of its units.</summary>
public sealed record ScopeRequest(IReadOnlyList<Guid>? BuildingIds, IReadOnlyList<Guid>? UnitIds)
{
    public const int MaxIds = 20_000;

    public ProposalScope ToScope() => this switch
    {
        { BuildingIds.Count: > 0 } => new ProposalScope(VoteScopeKind.Buildings, [.. BuildingIds.Distinct()]),
        { UnitIds.Count: > 0 } => new ProposalScope(VoteScopeKind.Units, [.. UnitIds.Distinct()]),
        _ => ProposalScope.Community,
    };

    public void Validate(ValidationErrors errors)
    {
        if (BuildingIds is { Count: > 0 } && UnitIds is { Count: > 0 })
        {
            errors.Add("scope", "error.scope_buildings_or_units");
        }

        foreach (var (field, ids) in new[] { ("scope.buildingIds", BuildingIds), ("scope.unitIds", UnitIds) })
        {
            if (ids is null)
            {
                continue;
            }

            if (ids.Count == 0 || ids.Count > MaxIds)
            {
                errors.Add(field, "error.out_of_range", 1, MaxIds);
            }
            else if (ids.Contains(Guid.Empty))
            {
                errors.Add(field, "error.required");
            }
        }
    }
}

public sealed record AttachmentRequest(string? Name, string? Reference);

public sealed record OpenProposalRequest(
    MatterType? Matter,
    string? Title,
    string? Text,
    ScopeRequest? Scope,
    IReadOnlyList<AttachmentRequest>? Attachments,
    string? Reference,
    IReadOnlyDictionary<string, string>? Terms,
    DateTimeOffset? OpensAt,
    DateTimeOffset? ClosesAt) : IValidatableRequest
{
    public const int MaxAttachments = 50;
    public const int MaxTerms = 20;

    public void Validate(ValidationErrors errors)
    {
        errors.Defined("matter", Matter).Required("title", Title).Required("text", Text, 20_000).Optional("reference", Reference);
        Scope?.Validate(errors);
        if (Attachments is { Count: > MaxAttachments })
        {
            errors.Add("attachments", "error.out_of_range", 0, MaxAttachments);
        }

        for (var i = 0; i < Math.Min(Attachments?.Count ?? 0, MaxAttachments); i++)
        {
            errors.Required($"attachments[{i}].name", Attachments![i].Name).Required($"attachments[{i}].reference", Attachments[i].Reference, 1000);
        }

        if (Terms is { Count: > MaxTerms })
        {
            errors.Add("terms", "error.out_of_range", 0, MaxTerms);
        }

        foreach (var (key, value) in Terms?.Take(MaxTerms) ?? [])
        {
            errors.Required($"terms.{key}", key, 60).Required($"terms.{key}", value, 500);
        }

        if (ClosesAt is null)
        {
            errors.Add("closesAt", "error.required");
        }
        else if (OpensAt is { } opens && ClosesAt <= opens)
        {
            errors.Add("closesAt", "error.out_of_range", opens, "∞");
        }
    }
}

/// <summary>A later close for a proposal's window, and why (shown with the published result).</summary>
public sealed record ExtendWindowRequest(DateTimeOffset? ClosesAt, string? Reason) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.Required("reason", Reason, 500);
        if (ClosesAt is null)
        {
            errors.Add("closesAt", "error.required");
        }
    }
}

/// <summary>A ballot names only the choice: the voter is whoever the token says they are.</summary>
public sealed record CastBallotRequest(Choice? Choice) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.Defined("choice", Choice);
}

public sealed record TallyResponse(
    long ElectorateHeadcount, decimal ElectorateArea, long ParticipatingHeadcount, decimal ParticipatingArea,
    long AgreeHeadcount, decimal AgreeArea, long DisagreeHeadcount, long AbstainHeadcount)
{
    public static TallyResponse From(Tally tally) => new(
        tally.ElectorateHeadcount, tally.ElectorateAreaHundredths / 100m, tally.ParticipatingHeadcount, tally.ParticipatingAreaHundredths / 100m,
        tally.AgreeHeadcount, tally.AgreeAreaHundredths / 100m, tally.DisagreeHeadcount, tally.AbstainHeadcount);
}

/// <summary>The decision once taken: each test the rule set made, and the ballot chain it rests on.</summary>
public sealed record DecisionResponse(
    bool Passed, bool QuorumMet, bool AreaApproved, bool HeadcountApproved, long BallotCount, string BallotChainHead, DateTimeOffset DecidedAt);

public sealed record ProposalResponse(
    Guid Id, Guid CommunityId, MatterType Matter, string Title, string Text, VoteScopeKind ScopeKind, IReadOnlyList<Guid> ScopeIds,
    IReadOnlyList<ProposalAttachment> Attachments, string? Reference, IReadOnlyDictionary<string, string> Terms, string RuleSetId,
    DateTimeOffset OpensAt, DateTimeOffset ClosesAt, IReadOnlyList<WindowExtension> Extensions, bool IsOpen, TallyResponse Tally,
    DecisionResponse? Decision);

public sealed record ProposalSummary(Guid Id, MatterType Matter, string Title, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, bool IsOpen, bool? Passed);

/// <summary>The live tally (from Redis while voting runs; the published figures once decided).</summary>
public sealed record LiveTallyResponse(Guid ProposalId, string Source, TallyResponse Tally);

/// <summary>The ballot as received; its place and hash on the proposal's chain follow within moments (the sealer).</summary>
public sealed record BallotReceipt(Guid BallotId, Guid ProposalId, Choice Choice, DateTimeOffset CastAt);
