using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.ElderCare.Domain.Access;

namespace Platform.ElderCare.Api.Protection;

/// <summary>Marks an endpoint that returns a person's sensitive fields: a caller refused by its scope is logged as well.</summary>
public sealed class SensitiveReadMetadata;

/// <summary>
/// A token without the health scope is refused before any handler runs; on an endpoint marked with
/// <see cref="SensitiveReadMetadata"/> this records that refusal (reason <c>scope</c>, the person asked for) before the 403 goes out.
/// A township may never hold the scope: its community workers are refused for their role (<c>role_restricted</c>), with the
/// <c>care_record_restricted</c> problem the handler gives, whichever id they ask for, so the answer tells nothing of the person.
/// </summary>
public sealed class RefusedScopeRecorder : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _answer = new();

    public async Task HandleAsync(
        RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.GetEndpoint()?.Metadata.GetMetadata<SensitiveReadMetadata>() is not null
            && Guid.TryParse(context.GetRouteValue("elderId")?.ToString(), out var elderId))
        {
            var log = context.RequestServices.GetRequiredService<SensitiveAccessLog>();
            var communityWorker = CallerAccess.For(context.User).TownshipId is not null;
            var reason = communityWorker ? AccessRefusals.RoleRestricted : AccessRefusals.Scope;
            await log.RecordRefusalAsync(elderId, reason, context.RequestAborted);
            if (communityWorker)
            {
                await Problems.Forbidden("care_record_restricted", ElderCareText.Messages).ExecuteAsync(context);
                return;
            }
        }

        await _answer.HandleAsync(next, context, policy, authorizeResult);
    }
}

public static class SensitiveReadExtensions
{
    /// <summary>The endpoint returns sensitive fields of the person in its <c>elderId</c> route value: scope refusals are logged.</summary>
    public static TBuilder RecordsRefusedReads<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SensitiveReadMetadata());
}
