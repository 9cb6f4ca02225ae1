using Platform.BuildingBlocks.Validation;
using Platform.Governance.Domain.Voting;

namespace Platform.Governance.Api.Voting;

public sealed record OpenProposalRequest(MatterType? Matter, string? Title, string? Text, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.Defined("matter", Matter).Required("title", Title).Required("text", Text, 20_000);
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

/// <summary>A ballot names only the choice: the voter is whoever the token says they are.</summary>
public sealed record CastBallotRequest(Choice? Choice) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.Defined("choice", Choice);
}

public sealed record TallyResponse(
    long ElectorateHeadcount, decimal ElectorateArea, long ParticipatingHeadcount, decimal ParticipatingArea,
    long AgreeHeadcount, decimal AgreeArea, long DisagreeHeadcount, long AbstainHeadcount);

public sealed record ProposalResponse(
    Guid Id, Guid CommunityId, MatterType Matter, string Title, string Text, string RuleSetId,
    DateTimeOffset OpensAt, DateTimeOffset ClosesAt, bool IsOpen, TallyResponse Tally, bool? QuorumMet, bool? Passed);

public sealed record BallotReceipt(Guid BallotId, Guid ProposalId, Choice Choice, DateTimeOffset CastAt, string Hash);
