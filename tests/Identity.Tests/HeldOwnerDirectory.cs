using Microsoft.Extensions.DependencyInjection;
using Platform.Identity.Api.OwnerSignIn;

namespace Platform.Identity.Tests;

/// <summary>The service's own owner directory (governance over gRPC), which a test may hold so that no answer comes.</summary>
public sealed class HeldOwnerDirectory(IOwnerDirectory inner, HeldOwnerDirectory.Gate gate) : IOwnerDirectory
{
    public async Task<Guid?> FindByPhoneAsync(string phone, CancellationToken cancellationToken)
    {
        gate.Asked();
        await gate.Open.WaitAsync(cancellationToken);
        return await inner.FindByPhoneAsync(phone, cancellationToken);
    }

    /// <summary>Replaces the registered directory with itself around it.</summary>
    public static void Wrap(IServiceCollection services, Gate gate)
    {
        var registered = services.Last(s => s.ServiceType == typeof(IOwnerDirectory));
        var type = registered.ImplementationType ?? throw new InvalidOperationException("the owner directory is not registered by type");
        services.Remove(registered);
        services.Add(new ServiceDescriptor(
            typeof(IOwnerDirectory),
            provider => new HeldOwnerDirectory((IOwnerDirectory)ActivatorUtilities.CreateInstance(provider, type), gate),
            registered.Lifetime));
    }

    /// <summary>Open unless held; counts the questions asked.</summary>
    public sealed class Gate
    {
        private volatile TaskCompletionSource _open = Opened();
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task Open => _open.Task;

        public void Asked() => Interlocked.Increment(ref _calls);

        /// <summary>Governance's answers wait until the returned handle is disposed.</summary>
        public IDisposable Hold()
        {
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return new Release(this);
        }

        private static TaskCompletionSource Opened()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }

        private sealed class Release(Gate gate) : IDisposable
        {
            public void Dispose() => gate._open.TrySetResult();
        }
    }
}
