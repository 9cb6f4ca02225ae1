using Microsoft.AspNetCore.Http.HttpResults;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Kernel.People;

namespace Platform.Identity.Api.OwnerSignIn;

public sealed record OwnerSignInCodeRequest(string? Phone) : IValidatableRequest
{
    /// <summary>Mainland mobile numbers of ASCII digits, as the registry keeps them.</summary>
    public void Validate(ValidationErrors errors) => errors.Matches("phone", Phone, MobileNumber.IsValid);
}

/// <summary>The same answer whether or not the phone is an owner's: how long a code, if one was sent, stays good.</summary>
public sealed record OwnerSignInCodeResponse(int ExpiresInSeconds);

/// <summary>
/// Owners ask for a one-time code here (anonymous), then trade it for a token at /connect/token with the
/// owner sign-in grant (docs/identity.md).
/// </summary>
public static class OwnerSignInEndpoints
{
    public static RouteGroupBuilder MapOwnerSignInEndpoints(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var signIn = endpoints.MapGroup($"{prefix}/owner-sign-in").WithTags("Owner sign-in").WithRequestValidation(IdentityText.Messages).AllowAnonymous();
        signIn.MapPost("/codes", RequestCode).WithName("RequestOwnerSignInCode")
            .WithSummary("Send a one-time sign-in code to an owner's phone; always 202, whether or not the phone is registered");
        return signIn;
    }

    /// <summary>
    /// Records the request and answers at once, the same bytes for every phone, owner's or not, over its limits or not:
    /// whose phone it is, and whether a code goes out, is decided later by the <see cref="OwnerSignInCodeDispatcher"/>.
    /// </summary>
    public static async Task<Results<Accepted<OwnerSignInCodeResponse>, ProblemHttpResult>> RequestCode(
        OwnerSignInCodeRequest request, OwnerSignInCodes codes, CancellationToken ct)
    {
        if (!codes.CanSend)
        {
            // A fact about the deployment, the same for every phone.
            return TypedResults.Problem(
                title: IdentityText.Messages["problem.sign_in_unavailable"],
                detail: IdentityText.Messages["problem.sign_in_unavailable.detail"],
                statusCode: StatusCodes.Status503ServiceUnavailable,
                type: ProblemTypes.For("sign-in-unavailable"));
        }

        await codes.RecordRequestAsync(request.Phone!, ct);
        return TypedResults.Accepted((string?)null, Answer);
    }

    private static readonly OwnerSignInCodeResponse Answer = new((int)OwnerSignInCode.Lifetime.TotalSeconds);
}
