using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Validation;

/// <summary>Runs <see cref="IValidatableRequest.Validate"/> on every request argument; a failure is a 400 that names the fields.</summary>
public sealed class RequestValidationFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var errors = new ValidationErrors();
        foreach (var argument in context.Arguments)
        {
            if (argument is IValidatableRequest request)
            {
                request.Validate(errors);
            }
        }

        return errors.IsEmpty ? await next(context) : Problems.Validation(errors);
    }
}

public static class RequestValidationExtensions
{
    /// <summary>Validates every request of the group before its handler runs.</summary>
    public static RouteGroupBuilder WithRequestValidation(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter<RequestValidationFilter>();
        return group;
    }
}
