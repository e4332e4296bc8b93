using System.Collections.Generic;

namespace DockerHarden.Rules
{
    /// <summary>
    /// What each rule checks (Description) and why it matters (Rationale), keyed by rule id, from the users'
    /// hardening guide (seed-hardening-guide.md) and the CIS Docker Benchmark v1.6. One file for all rules, so the
    /// texts are read and reviewed together and a rule file only holds its logic; a test fails for a catalog rule
    /// that has no entry here.
    /// </summary>
    internal static class RuleTexts
    {
        /// <summary>The description of a rule, or an empty string when the rule has none (a test catches that).</summary>
        public static string Description(string id) => Texts.TryGetValue(id, out var t) ? t.Description : string.Empty;

        /// <summary>The rationale of a rule, or an empty string when the rule has none.</summary>
        public static string Rationale(string id) => Texts.TryGetValue(id, out var t) ? t.Rationale : string.Empty;

        private static readonly Dictionary<string, (string Description, string Rationale)> Texts = new()
        {
            // Daemon and host (DH0xx)
            ["DH001"] = (
                "Checks the members of the docker group (from /etc/group and getent): only the users named with -AllowedUser, or a single member when none is named, may belong to it.",
                "Membership of the docker group is root on the host: any member can start a privileged container or mount / into one. The guide asks for one dedicated user for Docker and no other member (CIS 1.1.2)."),
            ["DH002"] = (
                "Checks every socket the daemon listens on: a tcp:// host must require TLS client verification (tlsverify).",
                "The Engine API is unauthenticated by design: anyone who reaches an open TCP socket controls the engine and, through it, the host. TLS with client certificates is the only authentication dockerd itself offers (CIS 2.7)."),
            ["DH003"] = (
                "Checks the owner, group and mode bits of the Docker socket: root:docker and nothing beyond 660.",
                "Whoever can write to the socket can drive the engine as root; a group or world bit beyond 660 hands that to every local user (CIS 3.15, 3.16)."),
            ["DH004"] = (
                "Checks that the daemon does not create the default bridge network (daemon.json \"bridge\": \"none\").",
                "Containers on docker0 share one flat network and reach each other by default; the guide asks the daemon to start containers without it, so every container joins a network made for it (guide 5.1)."),
            ["DH005"] = (
                "Checks that inter-container communication on the default bridge is off (\"icc\": false) while that bridge exists.",
                "With icc on, every container on the default bridge can reach every port of every other one: one compromised container can attack all its neighbours (CIS 2.2)."),
            ["DH006"] = (
                "Checks that the daemon remaps container users to an unprivileged range of host ids (userns-remap), unless the engine runs rootless.",
                "Without remapping, uid 0 in a container is uid 0 on the host: a container escape or a writable host mount is full root. The guide asks for a separate user namespace for containers (guide 6.2, CIS 2.9)."),
            ["DH007"] = (
                "Checks that the daemon's seccomp profile stops unprivileged containers from creating user namespaces (unshare, clone with CLONE_NEWUSER, setns).",
                "New user namespaces give a process capabilities inside them and expose kernel code that has repeatedly led to escapes; the guide pairs userns-remap with a seccomp profile that forbids creating them (guide 6.2)."),
            ["DH008"] = (
                "Checks the sysctl kernel.unprivileged_userns_clone (0 restricts user namespace creation to root); where the kernel lacks it, reports what limits it has instead.",
                "Unprivileged user namespaces widen the kernel attack surface reachable from any local process, including one that escaped a container (guide 6.3)."),
            ["DH009"] = (
                "Checks that the daemon sets no default cgroup parent (\"cgroup-parent\") for all containers.",
                "A shared custom cgroup parent can place containers under limits or accounting meant for something else; the default parent keeps each container in its own, controlled cgroup (guide 7.1, CIS 2.10)."),
            ["DH010"] = (
                "Checks that the Docker root directory (/var/lib/docker or data-root) is a mount point of its own.",
                "Images, layers, volumes and logs grow under the Docker root; on the host's root filesystem one container filling its writable layer can fill the host's disk (guide 7.6, CIS 1.1.1)."),
            ["DH011"] = (
                "Checks the daemon's default log driver: json-file, local or none keep logs on the host (Fail); syslog or journald without a remote target are a Warn.",
                "Logs that stay on the host are lost with it and can be erased by whoever compromises it; the guide asks the daemon to export container logs to a central server (guide 8.1, CIS 2.13)."),
            ["DH012"] = (
                "Checks that the engine confines containers with a seccomp profile by default and that the profile is not unconfined.",
                "Seccomp blocks the system calls containers do not need (about 44 in the default profile), many of which have been used to break out of containers (guide 9.1, CIS 2.17)."),
            ["DH013"] = (
                "Where the kernel has AppArmor, checks that the docker-default profile is loaded in enforce mode.",
                "A profile in complain mode only logs what it should block; AppArmor confines what a container process may touch even when it runs as root (guide 9.2)."),
            ["DH014"] = (
                "Checks that the daemon sets no-new-privileges for every container by default.",
                "no-new-privileges stops a process from gaining privileges through setuid or setcap binaries; set by the daemon, it covers containers whose authors forgot it (CIS 2.14)."),
            ["DH015"] = (
                "Checks that live restore is on, so containers keep running while dockerd restarts or is upgraded.",
                "Without live restore, restarting the daemon to apply a security fix or a configuration change stops every container, which discourages timely patching (CIS 2.15)."),
            ["DH016"] = (
                "Checks that the userland proxy is off (\"userland-proxy\": false), so published ports use kernel NAT.",
                "The userland proxy is one more process listening for every published port, with its own bugs; hairpin NAT does the same job in the kernel (CIS 2.16)."),
            ["DH017"] = (
                "Checks the registries the daemon trusts without TLS: none beyond loopback.",
                "Images from an insecure registry can be replaced in transit: whoever sits on the network decides what code the containers run (CIS 2.5)."),
            ["DH018"] = (
                "Checks whether the daemon has an authorization plugin.",
                "Without one, every client of the socket may do everything the API allows; an authorization plugin can refuse privileged containers, host mounts and the like per user (CIS 2.12)."),
            ["DH019"] = (
                "Checks the owner and mode of daemon.json, /etc/docker, the systemd service and socket units and the TLS keys and certificates.",
                "Whoever can write these files decides how dockerd starts, what it trusts and which keys it uses, which is root on the host (CIS 3.1-3.24)."),
            ["DH020"] = (
                "Checks that experimental features are off.",
                "Experimental features are not meant for production and have not had the scrutiny of stable ones (CIS 2.18)."),
            ["DH021"] = (
                "Checks that daemon.json parses as JSON that dockerd accepts; the rules that need it are NotApplicable when it does not.",
                "dockerd refuses to start with an invalid daemon.json, so the next restart (a reboot, an upgrade) takes every container down; and nothing else in the file can be judged."),

            // Containers (DH1xx)
            ["DH101"] = (
                "Checks the user the container's process runs as: empty, root, 0 or any uid 0 fails.",
                "Docker runs containers as root unless told otherwise; an attacker who gets into a root container is root inside it and one kernel bug or writable mount away from root on the host (guide 2, CIS 4.1)."),
            ["DH102"] = (
                "Checks that the container drops every capability (--cap-drop=ALL), so that only those added back are held.",
                "The guide asks for every container to start without capabilities and to add back only one that is absolutely required; Docker's default set holds 14 the typical workload never uses (guide 3, CIS 5.4)."),
            ["DH103"] = (
                "Checks the effective capability set (Docker's default set minus CapDrop plus CapAdd) for the guide's sensitive capabilities and the others that break isolation as badly.",
                "Capabilities such as SYS_ADMIN, SYS_MODULE, SYS_PTRACE or DAC_READ_SEARCH let a container process mount filesystems, load kernel modules, trace host processes or read any file: the usual steps of a container escape (guide 3, CIS 5.4)."),
            ["DH104"] = (
                "Checks that the container is not privileged.",
                "A privileged container holds every capability, sees every host device and runs without seccomp or AppArmor: it is root on the host in all but name (guide 3.1, CIS 5.5)."),
            ["DH105"] = (
                "Checks bind mounts for the host's sensitive directories: /, /dev, /proc, /sys (Critical), /boot, /etc, /lib, /usr, /var/lib/docker (High) and the others the rule lists, read-only ones included.",
                "The guide says not to share the host's root, device, process or virtual filesystems with a container: writing there changes the host, and even reading them leaks keys, passwords and kernel state (guide 3.1, CIS 5.6)."),
            ["DH106"] = (
                "Checks that neither the Docker socket nor containerd's socket is mounted into the container, directly or through a mounted directory that holds it.",
                "A container that can talk to the engine can start a privileged container with the host's root mounted: the socket is root on the host (guide 1, CIS 5.32)."),
            ["DH107"] = (
                "Checks the cgroup permissions of mapped devices and device cgroup rules: mknod (m) or rwm fails, rw is a Warn, r passes.",
                "The guide asks for host devices to be added with the least permissions needed; write or mknod access to a raw device can bypass the filesystem and its permissions entirely (guide 4, CIS 5.18)."),
            ["DH108"] = (
                "Checks that the container does not use the host's network namespace, directly or by joining a container that does.",
                "With the host network a container sees every host interface, can bind any host port and reach services listening on localhost only (guide 5.2, CIS 5.10)."),
            ["DH109"] = (
                "Checks that the container is not attached to the default bridge network.",
                "On the default bridge every container can reach every other one and names do not resolve; a user-defined network isolates the application's containers from the rest (guide 5.1, 5.3, CIS 5.30)."),
            ["DH110"] = (
                "Fleet view: warns when a container that publishes host ports shares a user-defined network with more than one other container.",
                "The guide asks for a dedicated network per connection: an exposed container is the likeliest to be compromised, and everything on its networks is then in reach (guide 5.3)."),
            ["DH111"] = (
                "Checks that the container does not share the host's PID namespace (Critical) or another container's (High); joining a container judges what that container shares.",
                "In the host's PID namespace a container sees and can signal or trace every host process, dockerd included (guide 6.1, CIS 5.16)."),
            ["DH112"] = (
                "Checks that the container does not share the host's IPC namespace (Critical) or another container's (High); joining a container judges what that container shares.",
                "Shared IPC exposes shared memory segments and semaphores, so a container can read or corrupt the memory of host processes or other containers (guide 6.1, CIS 5.17)."),
            ["DH113"] = (
                "Checks that the container does not share the host's UTS namespace.",
                "With the host's UTS namespace a container can change the host's hostname and domain name, which other services trust (guide 6.1, CIS 5.21)."),
            ["DH114"] = (
                "Checks that the container does not opt out of user namespace remapping (--userns=host); a Fail when the daemon remaps, a Warn otherwise.",
                "--userns=host gives the container the host's user ids back: its root is the host's root again, undoing the daemon's remapping (guide 6.4, CIS 5.31)."),
            ["DH115"] = (
                "Checks that the container is not placed under a custom cgroup parent.",
                "The guide asks for every container to run in control groups separate from the host; a custom parent can put it under the limits and accounting of something else (guide 7.1, CIS 5.25)."),
            ["DH116"] = (
                "Checks that the container has a memory limit.",
                "Without a limit one container can take all the host's memory and have the kernel kill other containers or host services (guide 7.2, CIS 5.11)."),
            ["DH117"] = (
                "Checks that swap is limited: no memory limit or unlimited swap fails, swap beyond the memory limit is a Warn.",
                "The guide asks for a maximum of host swap per container as well as memory; unlimited swap lets a container slow the whole host down by paging."),
            ["DH118"] = (
                "Checks that the container has a CPU limit (--cpus, or a CPU quota); CPU shares alone are a weight, not a limit.",
                "Without a limit one container can use every core and starve the host and its neighbours (guide 7.3, CIS 5.12)."),
            ["DH119"] = (
                "Checks that the container's root filesystem is read-only.",
                "A read-only root stops an attacker from replacing binaries or planting tools inside the container and makes writes go to declared tmpfs or volumes only (guide 7.4, CIS 5.13)."),
            ["DH120"] = (
                "Checks that the container's writable layer has a size limit (--storage-opt size), where the storage driver can enforce one.",
                "Without a quota, a container writing to its root filesystem can fill the Docker root and every other container's storage with it (guide 7.5)."),
            ["DH121"] = (
                "Checks that the container has a process limit (--pids-limit).",
                "A fork bomb in a container without a PID limit exhausts the host's process table and stops every other workload (CIS 5.29)."),
            ["DH122"] = (
                "Checks that the container runs with no-new-privileges, set on the container or by the daemon.",
                "no-new-privileges stops setuid and setcap binaries inside the container from raising a process's privileges (CIS 5.26)."),
            ["DH123"] = (
                "Checks that the container does not disable seccomp (seccomp=unconfined).",
                "Seccomp blocks dangerous system calls; without it the whole kernel interface is open to the container (guide 9.1, CIS 5.22)."),
            ["DH124"] = (
                "Where the host enforces AppArmor, checks that the container runs under a profile and not unconfined.",
                "AppArmor confines what a container process may read, write and execute by path, even as root; unconfined throws that away (guide 9.2, CIS 5.2)."),
            ["DH125"] = (
                "Checks the container's log driver: none fails, json-file or local without shipping is a Warn.",
                "The guide asks for container logs to be exported to a central server, from Docker or from inside the container; logs left on the host are lost or altered with it (guide 8, CIS 2.13)."),
            ["DH126"] = (
                "Checks published ports: a port bound to every host interface (0.0.0.0, ::, or no address) is a Warn.",
                "A port bound to every interface is reachable from every network the host is on, whatever the host firewall says, since Docker writes its own iptables rules; binding the interface that needs it keeps the service off the others (CIS 5.14)."),
            ["DH127"] = (
                "Checks that no mount uses shared or rshared propagation.",
                "With shared propagation, mounts made inside the container appear on the host and the other way round: a container can mount over host paths (CIS 5.20)."),
            ["DH128"] = (
                "Checks that the container or its image defines a healthcheck.",
                "Without a healthcheck the engine cannot tell a hung or compromised service from a working one, so it is neither restarted nor reported (CIS 5.27)."),
            ["DH129"] = (
                "Checks the restart policy: always, unless-stopped or more than 5 on-failure retries is a Low.",
                "An unbounded restart loop hides a failing or compromised container and can exhaust the host; a bounded on-failure policy surfaces the fault (CIS 5.15)."),
            ["DH130"] = (
                "Checks environment variable names that look like credentials (PASSWORD, SECRET, TOKEN, API_KEY...) with a literal value; the value itself is never shown.",
                "Environment variables are readable by anyone who can inspect the container, appear in docker inspect, logs and crash dumps, and are inherited by child processes: secrets belong in secrets or files (CIS 4.10)."),
            ["DH131"] = (
                "Checks that the image is pinned to a tag other than latest, or a digest.",
                "An unpinned image changes under the container when it is pulled again: what runs is not what was reviewed, and a compromised upstream tag is adopted silently (CIS 5.28)."),
            ["DH132"] = (
                "Checks that SELinux labelling is not disabled for the container (label=disable).",
                "SELinux labels confine what a container process may access on the host; disabling them removes that barrier for the container (guide 9, CIS 5.2)."),
            ["DH133"] = (
                "Checks published ports for host ports below 1024.",
                "Ports below 1024 are privileged: a container mapped onto one takes a port that host services and their clients trust to be run by root, and the mapping hides that the workload needs no such privilege (CIS 5.8)."),
        };
    }
}
