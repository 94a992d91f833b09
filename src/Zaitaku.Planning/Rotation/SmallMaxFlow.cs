namespace Zaitaku.Planning;

/// <summary>
/// Dinic's maximum flow for the small graphs of one section-week (tens of nodes, about a hundred
/// arcs). Arrays are reused between runs so that thousands of runs allocate nothing.
/// </summary>
internal sealed class SmallMaxFlow
{
    private int[] _head = new int[64];
    private int[] _next = new int[256];
    private int[] _to = new int[256];
    private int[] _cap = new int[256];
    private int[] _flow = new int[256];
    private int[] _level = new int[64];
    private int[] _iter = new int[64];
    private int[] _queue = new int[64];
    private int _nodes;
    private int _edges;

    public void Reset(int nodes)
    {
        _nodes = nodes;
        _edges = 0;
        if (_head.Length < nodes)
        {
            _head = new int[nodes * 2];
            _level = new int[nodes * 2];
            _iter = new int[nodes * 2];
            _queue = new int[nodes * 2];
        }

        Array.Fill(_head, -1, 0, nodes);
    }

    /// <summary>Adds an arc and its reverse; returns the arc's index for <see cref="SetCapacity"/>.</summary>
    public int AddArc(int from, int to, int capacity)
    {
        if (_edges + 2 > _to.Length)
        {
            var size = _to.Length * 2;
            Array.Resize(ref _next, size);
            Array.Resize(ref _to, size);
            Array.Resize(ref _cap, size);
            Array.Resize(ref _flow, size);
        }

        var e = _edges;
        _to[e] = to;
        _cap[e] = capacity;
        _next[e] = _head[from];
        _head[from] = e;
        _to[e + 1] = from;
        _cap[e + 1] = 0;
        _next[e + 1] = _head[to];
        _head[to] = e + 1;
        _edges += 2;
        return e;
    }

    public void SetCapacity(int arc, int capacity) => _cap[arc] = capacity;

    public int Flow(int arc) => _flow[arc];

    public int Run(int source, int sink)
    {
        Array.Clear(_flow, 0, _edges);
        return Continue(source, sink);
    }

    /// <summary>Augments the current flow to a maximum one (after capacities were raised); returns the added flow.</summary>
    public int Continue(int source, int sink)
    {
        var total = 0;
        while (Levels(source, sink))
        {
            Array.Copy(_head, _iter, _nodes);
            int pushed;
            while ((pushed = Push(source, sink, int.MaxValue)) > 0) total += pushed;
        }

        return total;
    }

    private bool Levels(int source, int sink)
    {
        Array.Fill(_level, -1, 0, _nodes);
        int qh = 0, qt = 0;
        _queue[qt++] = source;
        _level[source] = 0;
        while (qh < qt)
        {
            var u = _queue[qh++];
            for (var e = _head[u]; e >= 0; e = _next[e])
            {
                var v = _to[e];
                if (_level[v] < 0 && _cap[e] - _flow[e] > 0)
                {
                    _level[v] = _level[u] + 1;
                    _queue[qt++] = v;
                }
            }
        }

        return _level[sink] >= 0;
    }

    private int Push(int u, int sink, int limit)
    {
        if (u == sink) return limit;
        for (; _iter[u] >= 0; _iter[u] = _next[_iter[u]])
        {
            var e = _iter[u];
            var v = _to[e];
            var residual = _cap[e] - _flow[e];
            if (residual <= 0 || _level[v] != _level[u] + 1) continue;
            var pushed = Push(v, sink, Math.Min(limit, residual));
            if (pushed > 0)
            {
                _flow[e] += pushed;
                _flow[e ^ 1] -= pushed;
                return pushed;
            }
        }

        return 0;
    }
}
