namespace Platform.BuildingBlocks.Validation;

/// <summary>A request that checks its own fields; the validation filter runs it before the handler.</summary>
public interface IValidatableRequest
{
    void Validate(ValidationErrors errors);
}
