using Platform.BuildingBlocks.Validation;
using Platform.Governance.Domain.Problems;

namespace Platform.Governance.Api.ProblemLists;

/// <summary>A problem found in a community; the responsible party is its property company or another party named here.</summary>
public sealed record AddProblemRequest(
    ProblemCategory? Category, string? Description, ResponsibleParty? ResponsibleParty, string? ResponsiblePartyName,
    DateOnly? Deadline, DateOnly? FoundOn) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.Defined("category", Category).Required("description", Description, 2000).Defined("responsibleParty", ResponsibleParty);
        if (ResponsibleParty == Domain.Problems.ResponsibleParty.Other)
        {
            errors.Required("responsiblePartyName", ResponsiblePartyName);
        }
        else
        {
            errors.Optional("responsiblePartyName", ResponsiblePartyName);
        }

        if (Deadline is null)
        {
            errors.Add("deadline", "error.required");
        }
        else if (FoundOn is { } found && Deadline < found)
        {
            errors.Add("deadline", "error.out_of_range", found, "∞");
        }
    }
}

/// <summary>整改情况: what was done and on which day.</summary>
public sealed record ReportFixRequest(string? Description, DateOnly? DoneOn) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.Required("description", Description, 2000);
        if (DoneOn is null)
        {
            errors.Add("doneOn", "error.required");
        }
    }
}

/// <summary>销号: accept the reported fix and close the problem; the note is optional.</summary>
public sealed record CloseProblemRequest(string? Note) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.Optional("note", Note, 2000);
}

/// <summary>Rejecting a fix or marking a refusal must say why.</summary>
public sealed record ReviewNoteRequest(string? Note) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.Required("note", Note, 2000);
}
