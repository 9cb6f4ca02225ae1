using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Time;

namespace Platform.BuildingBlocks.Validation;

/// <summary>
/// Runs <see cref="IValidatableRequest.Validate"/> on every request argument; a failure is a 400 that names the fields,
/// its messages in the service's own text (falling back to the common one).
/// </summary>
public sealed class RequestValidationFilter(Text? text) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var errors = new ValidationErrors(context.HttpContext.RequestServices.GetRequiredService<BusinessCalendar>());
        foreach (var argument in context.Arguments)
        {
            if (argument is IValidatableRequest request)
            {
                request.Validate(errors);
            }
        }

        return errors.IsEmpty ? await next(context) : Problems.Validation(errors, text);
    }
}

public static class RequestValidationExtensions
{
    /// <summary>Validates every request of the group before its handler runs; <paramref name="text"/> words the service's own errors.</summary>
    public static RouteGroupBuilder WithRequestValidation(this RouteGroupBuilder group, Text? text = null)
    {
        group.AddEndpointFilter(new RequestValidationFilter(text));
        return group;
    }
}
