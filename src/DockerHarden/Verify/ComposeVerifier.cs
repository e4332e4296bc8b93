using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Rules.Fixes;
using DockerHarden.Views.Compose;

namespace DockerHarden.Verify
{
    /// <summary>What -Verify needs from the cmdlet: the file, its proposed plan, and how to re-plan and parse.</summary>
    internal sealed record VerifyRequest(
        string Path,
        string Original,
        RepairOptions Options,
        RepairPlan Proposal,
        Func<Func<string, RepairOptions>?, RepairPlan> Replan,
        Func<string, string, ComposeDocument> Parse,
        int Seconds,
        bool Pull,
        Action<string> Log);

    /// <summary>The verified repair: the plan to write (withheld fixes left out), per service what happened, and per-service errors.</summary>
    internal sealed record VerifiedRepair(RepairPlan Plan, IReadOnlyList<ComposeServiceVerification> Services, IReadOnlyList<ComposeSkip> Withheld,
        IReadOnlyList<(string Service, string Image, string Message)> MissingImages);

    /// <summary>
    /// Repair-ComposeFile -Verify. Every changed service is started with its proposed fixes in a throwaway project
    /// (all services of a run in one project, so a file costs one window when everything passes). A service that fails
    /// is run again, in one project, without fixes (its baseline) and with each rule's fix alone, plus higher memory
    /// limits when it was OOM-killed; the fixes that pass alone are run together once more, and if that still fails
    /// they are added one at a time. Whatever fails is withheld with its evidence, and the file is re-planned with
    /// the per-service rule sets (never edited here), then checked to be what was verified.
    /// </summary>
    internal sealed class ComposeVerifier
    {
        // The rules whose fixes write the memory limit and the swap: found by their fix steps, never by id.
        private static readonly string Memory = RuleCatalog.FixedBy<SetMemoryLimit>();
        private static readonly string Swap = RuleCatalog.FixedBy<SetMemorySwapEqualToMemory>();
        private static readonly int[] MemoryFactors = { 2, 4, 8 };

        private readonly VerifyRequest _request;
        private readonly IVerifyEngine _engine;
        private readonly CancellationToken _cancel;
        private readonly Dictionary<string, JsonObject> _configs = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ServiceState> _states = new(StringComparer.Ordinal);
        private readonly List<(string Service, string Image, string Message)> _missing = new();
        private VerifyContext _context = null!;
        private int _files;

        private ComposeVerifier(VerifyRequest request, IVerifyEngine engine, CancellationToken cancel)
        {
            _request = request;
            _engine = engine;
            _cancel = cancel;
        }

        public static VerifiedRepair Run(VerifyRequest request, IVerifyEngine engine, CancellationToken cancel)
        {
            var scratch = Scratch.CreateDirectory();
            try
            {
                var verifier = new ComposeVerifier(request, engine, cancel);
                verifier._context = new VerifyContext(engine, scratch, System.IO.Path.GetDirectoryName(request.Path) ?? ".", request.Seconds, request.Log);
                return verifier.Verify();
            }
            finally
            {
                Scratch.Remove(scratch);
            }
        }

        private VerifiedRepair Verify()
        {
            var original = Config(_request.Original);
            var proposal = Config(_request.Proposal.NewText);
            foreach (var group in _request.Proposal.Changes.GroupBy(c => c.Service, StringComparer.Ordinal))
            {
                var state = new ServiceState(group.Key, group.Select(c => c.RuleId).Distinct(StringComparer.Ordinal).ToList());
                _states[group.Key] = state;
                var image = MissingImage(original, proposal, group.Key);
                if (image is not null)
                {
                    _missing.Add((group.Key, image.Value.Image, image.Value.Message));
                    state.WithholdAll(ComposeVerifyStatus.ImageNotFound, image.Value.Message, null);
                }
            }

            // 1. Every service with all its fixes.
            var failed = RunRound(Active().Select(s => Variant(s, "all", ConfigTree.Service(proposal, s.Name))).ToList(), original)
                .Where(r => !Accept(r.Key, r.Value, _states[r.Key.Service].Rules, null)).Select(r => (State: _states[r.Key.Service], First: r.Value)).ToList();

            // 2. The failed ones: baseline, each fix alone, and higher memory limits after an OOM kill.
            if (failed.Count > 0)
            {
                var round = new List<(VerifyVariant Variant, ServiceState State, List<string> Rules, string? Memory)>();
                foreach (var (state, first) in failed)
                {
                    round.Add((Variant(state, "base", ConfigTree.Service(original, state.Name)), state, new List<string>(), null));
                    foreach (var rule in state.Rules)
                    {
                        round.Add((null!, state, new List<string> { rule }, null));
                    }

                    if (first.OomKilled && state.Rules.Contains(Memory))
                    {
                        foreach (var factor in MemoryFactors)
                        {
                            round.Add((null!, state, state.Rules.Where(r => r == Memory || r == Swap).ToList(), Scale(VerifyOptions.Memory(_request.Options), factor)));
                        }
                    }
                }

                var variants = Materialize(round);
                var outcomes = RunRound(variants.Select(v => v.Variant).ToList(), original);
                foreach (var group in variants.GroupBy(v => v.State))
                {
                    var first = failed.First(f => f.State == group.Key).First;
                    Judge(group.Key, first, group.Select(v => (v.Variant, v.Rules, v.Memory, outcomes[v.Variant])).ToList());
                }
            }

            // 3. The fixes that passed alone, together (at the next raised limit again while an OOM kill says the
            // chosen one was borderline); 4. one at a time where together still fails.
            var together = Active().Where(s => s.Candidate is not null).ToList();
            while (together.Count > 0)
            {
                var variants = Materialize(together.Select(s => ((VerifyVariant)null!, s, s.Candidate!, s.Memory)).ToList());
                var outcomes = RunRound(variants.Select(v => v.Variant).ToList(), original);
                together = new List<ServiceState>();
                foreach (var v in variants)
                {
                    var o = outcomes[v.Variant];
                    if (Accept(v.Variant, o, v.Rules, v.Memory))
                    {
                        continue;
                    }

                    if (o.OomKilled && v.State.Memories.Count > 0)
                    {
                        v.State.Memory = v.State.Memories.Dequeue();
                        v.State.Notes[^1] = RaisedNote(v.State.Memory);
                        together.Add(v.State);
                    }
                    else
                    {
                        v.State.StartGreedy(v.Rules);
                    }
                }
            }

            while (Active().Any(s => s.Greedy.Count > 0))
            {
                var step = Active().Where(s => s.Greedy.Count > 0)
                    .Select(s => ((VerifyVariant)null!, s, s.Accepted.Append(s.Greedy.Peek()).ToList(), s.Memory)).ToList();
                var variants = Materialize(step);
                var outcomes = RunRound(variants.Select(v => v.Variant).ToList(), original);
                foreach (var v in variants)
                {
                    var rule = v.State.Greedy.Dequeue();
                    var o = outcomes[v.Variant];
                    if (o.Passed)
                    {
                        v.State.Accepted.Add(rule);
                        v.State.Verified = v.Variant.Spec;
                    }
                    else
                    {
                        v.State.Withhold(rule, o, "it broke the service together with the fixes kept before it");
                    }

                    if (v.State.Greedy.Count == 0)
                    {
                        v.State.Finish(v.State.Accepted, v.State.Verified ?? ConfigTree.Service(original, v.State.Name));
                    }
                }
            }

            return Finish(original);
        }

        /// <summary>A run's verdict on a service's candidate: done when it passed, else false (the caller digs further).</summary>
        private bool Accept(VerifyVariant variant, VariantOutcome outcome, IReadOnlyList<string> rules, string? memory)
        {
            var state = _states[variant.Service];
            if (outcome.Passed)
            {
                state.Memory = memory;
                state.Finish(rules, variant.Spec);
            }

            return outcome.Passed;
        }

        private void Judge(ServiceState state, VariantOutcome first, List<(VerifyVariant Variant, List<string> Rules, string? Memory, VariantOutcome Outcome)> runs)
        {
            var baseline = runs.First(r => r.Rules.Count == 0);
            if (!baseline.Outcome.Passed)
            {
                state.WithholdAll(ComposeVerifyStatus.BaselineFailed, "the service does not run on its own even without the fixes: " + baseline.Outcome.Reason,
                    baseline.Outcome);
                return;
            }

            var raised = runs.Where(r => r.Memory is not null && r.Outcome.Passed).OrderBy(r => ComposeValues.ParseBytes(r.Memory!) ?? long.MaxValue).ToList();
            var passing = new List<string>();
            // OOM-killed with every fix: the limit, not the rule, is wrong. The lowest raised limit that ran is kept
            // (the memory fixes alone may pass only because swap or no limit hides the need).
            if (first.OomKilled && raised.Count > 0)
            {
                state.Memory = raised[0].Memory;
                foreach (var higher in raised.Skip(1))
                {
                    state.Memories.Enqueue(higher.Memory!);
                }

                state.Notes.Add(RaisedNote(state.Memory!));
            }

            foreach (var rule in state.Rules)
            {
                if (state.Memory is not null && (rule == Memory || rule == Swap))
                {
                    passing.Add(rule);
                    continue;
                }


                var alone = runs.First(r => r.Memory is null && r.Rules.Count == 1 && r.Rules[0] == rule);
                if (alone.Outcome.Passed)
                {
                    passing.Add(rule);
                }
                else
                {
                    state.Withhold(rule, alone.Outcome, "the service fails with this fix alone");
                }
            }

            state.Candidate = passing;
        }

        private string RaisedNote(string memory) =>
            $"memory limit raised from {VerifyOptions.Memory(_request.Options)} to {memory}, the lowest that ran: the service was OOM-killed below it";

        private IEnumerable<ServiceState> Active() => _states.Values.Where(s => !s.Done);

        private VerifyVariant Variant(ServiceState state, string tag, JsonObject? spec) =>
            new(state.Name, tag, spec ?? throw new ComposeVerifyException("ComposeVerifyFailed", $"docker-compose config has no service '{state.Name}'."));

        /// <summary>Plans the variants that carry a rule set: one plan (and one config call) holds one variant per service.</summary>
        private List<(VerifyVariant Variant, ServiceState State, List<string> Rules, string? Memory)> Materialize(
            List<(VerifyVariant Variant, ServiceState State, List<string> Rules, string? Memory)> requests)
        {
            var done = requests.Where(r => r.Variant is not null).ToList();
            var queue = requests.Where(r => r.Variant is null).ToList();
            while (queue.Count > 0)
            {
                var bucket = queue.GroupBy(r => r.State).Select(g => g.First()).ToList();
                queue = queue.Except(bucket).ToList();
                var byService = bucket.ToDictionary(b => b.State.Name, StringComparer.Ordinal);
                var none = VerifyOptions.Only(_request.Options, Array.Empty<string>());
                var plan = _request.Replan(name => byService.TryGetValue(name, out var b)
                    ? VerifyOptions.Only(_request.Options, b.Rules, b.Memory)
                    : none);
                var config = Config(plan.NewText);
                foreach (var b in bucket)
                {
                    var tag = string.Join("-", b.Rules.Select(r => r.ToLowerInvariant())) + (b.Memory is null ? "" : "-" + b.Memory);
                    done.Add((Variant(b.State, tag.Length == 0 ? "none" : tag, ConfigTree.Service(config, b.State.Name)), b.State, b.Rules, b.Memory));
                }
            }

            return done;
        }

        private Dictionary<VerifyVariant, VariantOutcome> RunRound(List<VerifyVariant> variants, JsonObject original)
        {
            if (variants.Count == 0)
            {
                return new Dictionary<VerifyVariant, VariantOutcome>();
            }

            var clock = Stopwatch.StartNew();
            var outcomes = VerifyRound.Run(_context, original, variants, _cancel);
            foreach (var service in variants.Select(v => v.Service).Distinct(StringComparer.Ordinal))
            {
                _states[service].Duration += clock.Elapsed;
                _states[service].Runs += variants.Count(v => v.Service == service);
            }

            return outcomes.ToDictionary(p => p.Key, p => p.Value);
        }

        private VerifiedRepair Finish(JsonObject original)
        {
            var plan = Replan();
            var written = Config(plan.NewText);
            // A service that reuses another's text (extends) gets that one's fixes too: what is written must be what ran.
            var differ = _states.Values.Where(s => s.Status is ComposeVerifyStatus.Verified or ComposeVerifyStatus.FixesWithheld &&
                ConfigTree.Text(ConfigTree.Service(written, s.Name)) != ConfigTree.Text(s.Verified)).ToList();
            if (differ.Count > 0)
            {
                var variants = differ.Select(s => Variant(s, "final", ConfigTree.Service(written, s.Name))).ToList();
                var outcomes = RunRound(variants, original);
                foreach (var v in variants.Where(v => !outcomes[v].Passed))
                {
                    _states[v.Service].WithholdAll(ComposeVerifyStatus.FixesWithheld, "the fixes verified one by one break it together with another service's fixes", outcomes[v]);
                }

                if (variants.Any(v => !outcomes[v].Passed))
                {
                    plan = Replan();
                }
            }

            var skips = new List<ComposeSkip>();
            var results = new List<ComposeServiceVerification>();
            foreach (var s in _states.Values)
            {
                foreach (var w in s.Withheld)
                {
                    var line = _request.Proposal.Changes.FirstOrDefault(c => c.Service == s.Name && c.RuleId == w.RuleId)?.Line ?? 0;
                    skips.Add(new ComposeSkip(s.Name, w.RuleId, line, "withheld by -Verify: " + w));
                }

                var kept = plan.Changes.Where(c => c.Service == s.Name).Select(c => c.RuleId).Distinct(StringComparer.Ordinal);
                results.Add(new ComposeServiceVerification(s.Name, s.Status, kept, s.Withheld, s.Memory, s.Duration, s.Runs,
                    string.Join("; ", s.Notes)));
            }

            return new VerifiedRepair(plan, results, skips, _missing);
        }

        private RepairPlan Replan() => _request.Replan(name => _states.TryGetValue(name, out var s)
            ? VerifyOptions.Without(_request.Options, s.Withheld.Select(w => w.RuleId), s.Memory)
            : _request.Options);

        private (string Image, string Message)? MissingImage(JsonObject original, JsonObject proposal, string service)
        {
            foreach (var name in ThrowawayProject.Dependencies(original, service).Prepend(service))
            {
                var spec = ConfigTree.Service(proposal, name) ?? ConfigTree.Service(original, name);
                var image = spec?["image"]?.ToString();
                if (string.IsNullOrEmpty(image))
                {
                    return (name, $"the service '{name}' builds its image and names none: build it (docker-compose build) and name it with image:, then verify");
                }

                if (_engine.ImageExists(image, _cancel))
                {
                    continue;
                }

                if (!_request.Pull)
                {
                    return (image, $"the image '{image}' of the service '{name}' is not on the engine; nothing is pulled without -Pull");
                }

                _request.Log($"Pulling {image} (-Pull).");
                if (_engine.Pull(image, _cancel) is { } error)
                {
                    return (image, $"the image '{image}' of the service '{name}' could not be pulled: {error}");
                }
            }

            return null;
        }

        private JsonObject Config(string text)
        {
            if (_configs.TryGetValue(text, out var cached))
            {
                return cached;
            }

            // The text sits in the scratch directory; the project directory keeps relative paths and .env as they are.
            var file = System.IO.Path.Combine(_context.ScratchDirectory, $"plan-{++_files}.yml");
            Scratch.Write(file, text);
            var output = _engine.Config(file, _context.ProjectDirectory, _cancel);
            var config = ConfigTree.ToJson(_request.Parse(output, _request.Path + " (docker-compose config)"));
            _configs[text] = config;
            return config;
        }

        private static string Scale(string memory, int factor)
        {
            var bytes = (ComposeValues.ParseBytes(memory) ?? ComposeValues.ParseBytes(Rules.Fixes.FixDefaults.BuiltIn.Memory) ?? 0) * factor;
            return bytes % (1024L * 1024 * 1024) == 0
                ? (bytes / (1024L * 1024 * 1024)).ToString(CultureInfo.InvariantCulture) + "g"
                : (bytes / (1024L * 1024)).ToString(CultureInfo.InvariantCulture) + "m";
        }

        /// <summary>What is known about one changed service while it is verified.</summary>
        private sealed class ServiceState
        {
            public ServiceState(string name, List<string> rules)
            {
                Name = name;
                Rules = rules;
            }

            public string Name { get; }
            public List<string> Rules { get; }
            public bool Done { get; private set; }
            public ComposeVerifyStatus Status { get; private set; } = ComposeVerifyStatus.Verified;
            public List<ComposeWithheldFix> Withheld { get; } = new();
            public List<string> Notes { get; } = new();
            public List<string>? Candidate { get; set; }
            public Queue<string> Greedy { get; } = new();
            /// <summary>Higher memory limits that also ran in the single-fix round, lowest first.</summary>
            public Queue<string> Memories { get; } = new();
            public List<string> Accepted { get; } = new();
            public JsonObject? Verified { get; set; }
            public string? Memory { get; set; }
            public TimeSpan Duration { get; set; }
            public int Runs { get; set; }

            public void Withhold(string rule, VariantOutcome o, string why)
            {
                Withheld.RemoveAll(w => w.RuleId == rule);
                Withheld.Add(new ComposeWithheldFix(rule, o.State, o.ExitCode, o.OomKilled, o.Health, o.LogTail, $"{why}: {o.Reason}"));
            }

            public void WithholdAll(ComposeVerifyStatus status, string why, VariantOutcome? o)
            {
                Withheld.Clear();
                foreach (var rule in Rules)
                {
                    Withheld.Add(new ComposeWithheldFix(rule, o?.State ?? "not run", o?.ExitCode, o?.OomKilled ?? false, o?.Health ?? "", o?.LogTail ?? Array.Empty<string>(), why));
                }

                Status = status;
                Memory = null;
                Done = true;
            }

            public void StartGreedy(IEnumerable<string> rules)
            {
                Candidate = null;
                foreach (var r in rules)
                {
                    Greedy.Enqueue(r);
                }
            }

            public void Finish(IEnumerable<string> kept, JsonObject? spec)
            {
                Candidate = null;
                Verified = spec;
                Status = Withheld.Count == 0 ? ComposeVerifyStatus.Verified : ComposeVerifyStatus.FixesWithheld;
                Done = true;
            }
        }
    }
}
