-- A build's and a bundle's reasons are stored as a code of the message catalogue and its arguments (common
-- StoredText, read in the reader's language: messages*.properties, build.reason.*, bundle.*, jenkins.*), issue 16.
-- The texts stored before were English sentences. Those written by a known sentence (with every quoted reason
-- known too) are mapped to their code here; any other stays in reason / bundle_reason and is shown as it is. The
-- old columns keep their text, so an instance of the previous version still shows it during a rolling upgrade.
alter table build
    add column reason_text        jsonb,
    add column bundle_reason_text jsonb;

create function pg_temp.stored_text(code text, variadic args jsonb[]) returns jsonb
    language sql immutable as
$$
select case when bool_and(a is not null) or count(*) = 0
            then jsonb_build_object('code', code, 'args', coalesce(jsonb_agg(a order by n), '[]'::jsonb)) end
from unnest(args) with ordinality as x(a, n)
$$;

-- The stored text of one English sentence the platform wrote, or null when it is not one of them.
create function pg_temp.reason_of(t text) returns jsonb
    language plpgsql immutable as
$$
declare
    m text[];
begin
    if t is null then
        return null;
    end if;
    -- a build's reasons (BuildFollower, BuildService)
    if t = 'Cancelled in the Jenkins queue before it started' then
        return pg_temp.stored_text('build.reason.queue-cancelled', variadic array[]::jsonb[]);
    end if;
    m := regexp_match(t, '^Jenkins: ([A-Za-z_]+); (.*)$');
    if m is not null then
        return pg_temp.stored_text('build.reason.bundle-failed', to_jsonb(m[1]), pg_temp.reason_of(m[2]));
    end if;
    m := regexp_match(t, '^Jenkins: ([A-Za-z_]+)$');
    if m is not null then
        return pg_temp.stored_text('build.reason.jenkins-result', to_jsonb(m[1]));
    end if;
    m := regexp_match(t, '^the build ran on the Jenkins at (\S+), which is no longer the configured Jenkins \((\S+)\)$');
    if m is not null then
        return pg_temp.stored_text('build.reason.other-jenkins', to_jsonb(m[1]), to_jsonb(m[2]));
    end if;
    m := regexp_match(t, '^Jenkins no longer has build (.+) #(\d+)$');
    if m is not null then
        return pg_temp.stored_text('build.reason.build-gone', to_jsonb(m[1]), to_jsonb(m[2]::bigint));
    end if;
    m := regexp_match(t, '^Jenkins forgot queue item (\d+) and no build of job (.+) carries that queue id$');
    if m is not null then
        return pg_temp.stored_text('build.reason.queue-forgotten', to_jsonb(m[1]::bigint), to_jsonb(m[2]));
    end if;
    m := regexp_match(t, '^Jenkins never confirmed the trigger and no build with these parameters appeared in (.+); '
        || 'check Jenkins before triggering again$');
    if m is not null then
        return pg_temp.stored_text('build.reason.never-confirmed', to_jsonb(m[1]));
    end if;
    m := regexp_match(t, '^Jenkins did not answer the trigger; looking for the build in (.+)$');
    if m is not null then
        return pg_temp.stored_text('build.reason.unconfirmed', to_jsonb(m[1]));
    end if;
    m := regexp_match(t, '^Gave up after (\d+) failed attempts to reach the build in Jenkins \(last answer ([^)]+)\): (.*)$');
    if m is not null then
        return pg_temp.stored_text('build.reason.gave-up-since', to_jsonb(m[1]::bigint), to_jsonb(m[2]),
                                   pg_temp.reason_of(m[3]));
    end if;
    m := regexp_match(t, '^Gave up after (\d+) failed attempts to reach the build in Jenkins: (.*)$');
    if m is not null then
        return pg_temp.stored_text('build.reason.gave-up', to_jsonb(m[1]::bigint), pg_temp.reason_of(m[2]));
    end if;
    -- a bundle's reasons (BuildFollower, BundleCopier, BundleRetention)
    m := regexp_match(t, '^attempt (\d+) failed: (.*)$');
    if m is not null then
        return pg_temp.stored_text('bundle.reason.attempt-failed', to_jsonb(m[1]::bigint), pg_temp.reason_of(m[2]));
    end if;
    m := regexp_match(t, '^gave up copying the package after (\d+) attempts since (\S+): (.*)$');
    if m is not null then
        return pg_temp.stored_text('bundle.reason.gave-up', to_jsonb(m[1]::bigint), to_jsonb(m[2]),
                                   pg_temp.reason_of(m[3]));
    end if;
    m := regexp_match(t, '^removed by the retention setting \((\S+) after it was stored on (\S+)\)$');
    if m is not null then
        return pg_temp.stored_text('bundle.reason.retention', to_jsonb(m[1]), to_jsonb(m[2]));
    end if;
    m := regexp_match(t, '^Jenkins is not reachable to read the fingerprints: (.*)$');
    if m is not null then
        return pg_temp.stored_text('bundle.copy.fingerprints-unreachable', pg_temp.reason_of(m[1]));
    end if;
    m := regexp_match(t, '^Jenkins refused the fingerprints: (.*)$');
    if m is not null then
        return pg_temp.stored_text('bundle.copy.fingerprints-refused', pg_temp.reason_of(m[1]));
    end if;
    m := regexp_match(t, '^Jenkins no longer has (.+) \(404\)$');
    if m is not null then
        return pg_temp.stored_text('bundle.copy.artifact-gone', to_jsonb(m[1]));
    end if;
    m := regexp_match(t, '^Jenkins is not reachable: (.*)$');
    if m is not null then
        return pg_temp.stored_text('bundle.copy.unreachable', pg_temp.reason_of(m[1]));
    end if;
    m := regexp_match(t, '^copying (.+?) was cut off: (.*)$');
    if m is not null then
        return pg_temp.stored_text('bundle.copy.cut-off', to_jsonb(m[1]), to_jsonb(m[2]));
    end if;
    m := regexp_match(t, '^received (\d+) bytes of (.+) where Jenkins announced (-?\d+)$');
    if m is not null then
        return pg_temp.stored_text('bundle.copy.short', to_jsonb(m[1]::bigint), to_jsonb(m[2]),
                                   to_jsonb(m[3]::bigint));
    end if;
    m := regexp_match(t, '^checksum mismatch for (.+): Jenkins'' fingerprint \(MD5\) is (\S+), the received file''s is (\S+)$');
    if m is not null then
        return pg_temp.stored_text('bundle.copy.checksum', to_jsonb(m[1]), to_jsonb(m[2]), to_jsonb(m[3]));
    end if;
    m := regexp_match(t, '^the stored copy of (.+) reads back as SHA-256 (\S+), not (\S+) as received$');
    if m is not null then
        return pg_temp.stored_text('bundle.copy.reread', to_jsonb(m[1]), to_jsonb(m[2]), to_jsonb(m[3]));
    end if;
    m := regexp_match(t, '^the bundle store failed: (.*)$');
    if m is not null then
        return pg_temp.stored_text('bundle.copy.store-failed', to_jsonb(m[1]));
    end if;
    -- Jenkins' refusals quoted in a reason (JenkinsClient, English catalogue texts without a nested name)
    if t = 'Jenkins is not reachable right now (it failed repeatedly, calls are paused for a moment); nothing was '
            || 'sent, please try again shortly' then
        return pg_temp.stored_text('jenkins.circuit-open', variadic array[]::jsonb[]);
    end if;
    if t = 'Too many calls to Jenkins at once; please try again shortly' then
        return pg_temp.stored_text('jenkins.busy', variadic array[]::jsonb[]);
    end if;
    if t = 'Jenkins refused the configured user and API token (401); an admin has to correct the Jenkins settings' then
        return pg_temp.stored_text('jenkins.credentials', variadic array[]::jsonb[]);
    end if;
    m := regexp_match(t, '^Jenkins is not reachable right now \((.*)\); please try again shortly$');
    if m is not null then
        return pg_temp.stored_text('jenkins.unreachable', to_jsonb(m[1]));
    end if;
    m := regexp_match(t, '^Jenkins refused (.+?): (.*)$');
    if m is not null then
        return pg_temp.stored_text('bundle.copy.artifact-refused', to_jsonb(m[1]), pg_temp.reason_of(m[2]));
    end if;
    return null;
end
$$;

update build
set reason_text = pg_temp.reason_of(reason)
where reason is not null;

update build
set bundle_reason_text = pg_temp.reason_of(bundle_reason)
where bundle_reason is not null;
