using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.BuildingBlocks.Validation;

namespace Platform.BuildingBlocks.Errors;

/// <summary>The problem results handlers return: one stable type per error, localized title and detail.</summary>
public static class Problems
{
    public static ValidationProblem Validation(ValidationErrors errors, Text? text = null) =>
        TypedResults.ValidationProblem(
            errors.ToDictionary(text ?? Text.Common),
            title: Text.Common["problem.validation"],
            type: ProblemTypes.Validation);

    public static ValidationProblem Validation(string field, string key, params object?[] args) =>
        Validation(new ValidationErrors().Add(field, key, args));

    /// <summary>Not found, or not the caller's to see: the two are indistinguishable on purpose.</summary>
    /// <param name="noun">A noun key such as "unit" (resource "noun.unit").</param>
    public static ProblemHttpResult NotFound(string noun) =>
        TypedResults.Problem(
            title: Text.Common["problem.not_found"],
            detail: Text.Common.Format("problem.not_found.detail", Text.Common[$"noun.{noun}"]),
            statusCode: StatusCodes.Status404NotFound,
            type: ProblemTypes.NotFound);

    /// <summary>The caller may see the object but not do this to it; <paramref name="code"/> becomes the stable type.</summary>
    public static ProblemHttpResult Forbidden(string code, Text text, params object?[] args) =>
        TypedResults.Problem(
            title: text[$"problem.{code}"],
            detail: text.Format($"problem.{code}.detail", args),
            statusCode: StatusCodes.Status403Forbidden,
            type: ProblemTypes.For(code));

    /// <summary>A business rule refused the command; <paramref name="code"/> becomes the stable type.</summary>
    public static ProblemHttpResult Conflict(string code, Text text, params object?[] args) =>
        TypedResults.Problem(
            title: text[$"problem.{code}"],
            detail: text.Format($"problem.{code}.detail", args),
            statusCode: StatusCodes.Status409Conflict,
            type: ProblemTypes.For(code));
}
