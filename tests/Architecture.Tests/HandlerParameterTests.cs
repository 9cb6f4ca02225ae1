using System.Reflection;

namespace Platform.Architecture.Tests;

/// <summary>
/// A handler reads like eShop's: at most five parameters besides the CancellationToken; more take an [AsParameters]
/// bundle (a record of the services it needs), so what a handler depends on stays readable.
/// </summary>
public sealed class HandlerParameterTests
{
    public const int MaxParameters = 5;

    [Fact]
    public void Every_handler_takes_at_most_five_parameters_besides_its_cancellation_token()
    {
        var crowded = MappedEndpoints.OfEveryService
            .Select(endpoint => (endpoint, handler: endpoint.Metadata.GetMetadata<MethodInfo>()))
            .Where(pair => pair.handler is not null && Counted(pair.handler) > MaxParameters)
            .Select(pair => $"{pair.endpoint}: {pair.handler!.DeclaringType?.Name}.{pair.handler.Name} takes {Counted(pair.handler)}")
            .Distinct()
            .ToList();

        Assert.True(crowded.Count == 0, string.Join("\n", crowded));
    }

    [Fact]
    public void The_check_counts_a_crowded_handler()
    {
        var crowded = typeof(HandlerParameterTests).GetMethod(nameof(Crowded), BindingFlags.NonPublic | BindingFlags.Static)!;

        Assert.Equal(6, Counted(crowded));
    }

    private static int Counted(MethodInfo handler) =>
        handler.GetParameters().Count(parameter => parameter.ParameterType != typeof(CancellationToken));

    private static void Crowded(int a, int b, int c, int d, int e, int f, CancellationToken ct)
    {
    }
}
