using System.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.BuildingBlocks.Errors;

namespace Platform.Identity.Api;

/// <summary>The identity service's own user-facing text (Resources/Messages*.resx; zh-CN neutral, en).</summary>
public static class IdentityText
{
    public static readonly Text Messages = new(new ResourceManager("Platform.Identity.Api.Resources.Messages", typeof(IdentityText).Assembly), Text.Common);

    /// <summary>Problems.NotFound with this service's noun (the common resources do not know "client").</summary>
    public static ProblemHttpResult ClientNotFound() =>
        TypedResults.Problem(
            title: Messages["problem.not_found"],
            detail: Messages.Format("problem.not_found.detail", Messages["noun.client"]),
            statusCode: StatusCodes.Status404NotFound,
            type: ProblemTypes.NotFound);
}
