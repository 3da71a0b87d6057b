using System.Runtime.InteropServices;
using ConcurrencyBench.Ipc;
using ConcurrencyBench.Processes;

// A parent that the tests SIGKILL at a known point: it starts a worker, prints "worker <pid>", goes to the point
// named by its argument, prints "ready" and waits to be killed.
//   shm-setup   the region exists and the map request is in the worker's input, but the worker (stopped with
//               SIGSTOP; the test lets it go on) has not mapped it yet.
//   shm-handoff a payload is in the region and the worker is computing over it (through the pipe).
//   socket-setup the socket listens in its private folder and the connect request is in the stopped worker's input.
//   item-hang   the worker is computing an item that hangs, deaf to cancellation, on its reading thread.
//   cluster     (no worker) a 2-silo cluster is up and a run is going on it; one line "silo <pid> <silo port> <gateway port>" per silo.
if (args is not ["shm-setup" or "shm-handoff" or "socket-setup" or "item-hang" or "cluster"])
{
    Console.Error.WriteLine("test-parent: usage: ConcurrencyBench.TestParent shm-setup|shm-handoff|socket-setup|item-hang|cluster");
    return 2;
}

if (args[0] == "cluster")
{
    ConcurrencyBench.Cluster.OrleansCluster cluster = await ConcurrencyBench.Cluster.OrleansCluster.StartAsync(new() { ServesDiagnosticWorkloads = true, Silos = 2 });
    foreach (ConcurrencyBench.Cluster.SiloInfo silo in cluster.Silos)
    {
        Console.WriteLine($"silo {silo.ProcessId} {silo.SiloEndpoint.Port} {silo.GatewayEndpoint.Port}");
    }

    // Far more work than a test lasts: the silos are computing when the parent dies.
    _ = cluster.CreateStrategy().RunAsync(new ConcurrencyBench.Workloads.DiagnosticWorkload(1_000_000, ConcurrencyBench.Workloads.DiagnosticBehavior.Square, delayMs: 5));
    Console.WriteLine("ready");
    await Task.Delay(Timeout.Infinite);
    return 0;
}

WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), TimeSpan.FromSeconds(60));
Console.WriteLine($"worker {worker.ProcessId}");
long sent = worker.Connection.RequestsSent;
if (args[0] is "shm-setup" or "socket-setup")
{
    if (kill(worker.ProcessId, 19) != 0)
    {
        return 3;
    }

    _ = args[0] == "shm-setup" ? SharedMemoryTransport.CreateAsync(worker, 1 << 20) : (Task)UnixSocketTransport.ConnectAsync(worker);
}
else if (args[0] == "item-hang")
{
    var hanging = new ConcurrencyBench.Workloads.DiagnosticWorkload(1, ConcurrencyBench.Workloads.DiagnosticBehavior.HangAtIndex, targetIndex: 0);
    _ = worker.Connection.RequestAsync(hanging.Id, w => hanging.WriteRequest(0, w));
}
else
{
    SharedMemoryTransport shared = await SharedMemoryTransport.CreateAsync(worker, 16 << 20);
    sent = worker.Connection.RequestsSent;
    // Far more passes than a test lasts: the worker is still computing when the parent dies.
    _ = shared.ChecksumAsync(new byte[16 << 20], passes: 100_000);
}

// The request has been written whole: the worker has it, whatever happens to this process next.
while (worker.Connection.RequestsSent == sent || worker.Connection.WriteInProgress)
{
    await Task.Delay(1);
}

Console.WriteLine("ready");
await Task.Delay(Timeout.Infinite);
return 0;

[DllImport("libc")]
static extern int kill(int pid, int signal);
