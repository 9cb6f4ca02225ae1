using MassTransit;

namespace Platform.TestKit;

/// <summary>Counts the messages of one type a host's consumers finished handling (connect with IBus.ConnectConsumeObserver).</summary>
public sealed class ConsumedCounter<TMessage> : IConsumeObserver where TMessage : class
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is TMessage)
        {
            Interlocked.Increment(ref _count);
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
