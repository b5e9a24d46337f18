package io.inetpublish.build.build;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.inetpublish.build.bundle.BundleStore.Staged;
import io.inetpublish.build.bundle.BundleStore;
import io.inetpublish.build.bundle.Digests;
import io.inetpublish.build.jenkins.JenkinsApi;
import io.inetpublish.build.jenkins.JenkinsClient;
import io.inetpublish.build.jenkins.JenkinsRejectedException;
import io.inetpublish.build.jenkins.JenkinsUnavailableException;
import io.inetpublish.build.settings.JenkinsConnection;
import io.inetpublish.common.i18n.StoredText;
import io.inetpublish.common.web.ApiException;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.stereotype.Component;

/**
 * Copies a finished package's artifacts from Jenkins into the bundle store: each file is streamed once from Jenkins
 * through SHA-256 and MD5 into a staging place, then checked — its length against Jenkins' {@code Content-Length},
 * its MD5 against Jenkins' fingerprint when the job records one, and the staged bytes read back against the SHA-256
 * computed while receiving — and only when every file passed are they published (docs/integrations.md §3, "Bundles").
 */
@Slf4j
@Component
@RequiredArgsConstructor
class BundleCopier {

    /** What a copy came to. */
    sealed interface Outcome {
    }

    /** Every file is stored; the artifacts carry size, SHA-256, MD5 and storage key. */
    record Kept(List<BuildArtifact> artifacts) implements Outcome {
    }

    /** Something outside failed (Jenkins away, a cut transfer, the store): try again later. */
    record Retry(StoredText reason) implements Outcome {
    }

    /** The copy can never succeed (checksum mismatch, Jenkins no longer has the file). */
    record Failed(StoredText reason) implements Outcome {
    }

    private final JenkinsClient jenkins;
    private final BundleStore store;

    /** A Jenkins refusal as (part of) a build's stored reason, read in the reader's language. */
    private static StoredText stored(ApiException ex) {
        return StoredText.of(ex.code(), ex.args());
    }

    String storeName() {
        return store.name();
    }

    /** @param stillOurs called every few seconds of a long copy (renews the follower's lease on the build) */
    Outcome copy(JenkinsConnection c, Build build, List<BuildArtifact> artifacts, Runnable stillOurs) {
        Map<String, String> fingerprints;
        try {
            fingerprints = fingerprints(jenkins.fingerprints(c, build.getJobPath(), build.getJenkinsBuildNumber()));
        } catch (JenkinsUnavailableException ex) {
            return new Retry(StoredText.of("bundle.copy.fingerprints-unreachable", stored(ex)));
        } catch (JenkinsRejectedException ex) {
            return new Retry(StoredText.of("bundle.copy.fingerprints-refused", stored(ex)));
        }
        List<Staged> staged = new ArrayList<>();
        List<BuildArtifact> kept = new ArrayList<>();
        try {
            for (int i = 0; i < artifacts.size(); i++) {
                BuildArtifact artifact = artifacts.get(i);
                String key = build.getId() + "/" + i;
                Staged one;
                long announced;
                try (ClientHttpResponse response = jenkins.openArtifact(c, build.getJobPath(),
                        build.getJenkinsBuildNumber(), artifact.getRelativePath());
                        InputStream body = response.getBody()) {
                    announced = response.getHeaders().getContentLength();
                    one = store.stage(key, body, bytes -> stillOurs.run());
                } catch (JenkinsRejectedException ex) {
                    if (ex.kind() == JenkinsRejectedException.Kind.NOT_FOUND) {
                        return new Failed(StoredText.of("bundle.copy.artifact-gone", artifact.getRelativePath()));
                    }
                    return new Retry(StoredText.of("bundle.copy.artifact-refused", artifact.getRelativePath(),
                            stored(ex)));
                } catch (JenkinsUnavailableException ex) {
                    return new Retry(StoredText.of("bundle.copy.unreachable", stored(ex)));
                } catch (IOException | RuntimeException ex) {
                    return new Retry(StoredText.of("bundle.copy.cut-off", artifact.getRelativePath(), message(ex)));
                }
                staged.add(one);
                Digests.Result got = one.digests();
                if (announced >= 0 && announced != got.size()) {
                    return new Retry(StoredText.of("bundle.copy.short", got.size(), artifact.getRelativePath(),
                            announced));
                }
                String md5 = fingerprints.get(artifact.getFileName());
                if (md5 != null && !md5.equalsIgnoreCase(got.md5())) {
                    return new Failed(StoredText.of("bundle.copy.checksum", artifact.getRelativePath(), md5,
                            got.md5()));
                }
                String reread = store.stagedSha256(one);
                if (!reread.equals(got.sha256())) {
                    return new Retry(StoredText.of("bundle.copy.reread", artifact.getRelativePath(), reread,
                            got.sha256()));
                }
                kept.add(artifact.kept(got.size(), got.sha256(), md5, key));
            }
            for (Staged one : staged) {
                store.publish(one);
            }
            staged.clear();
            return new Kept(kept);
        } catch (IOException | RuntimeException ex) {
            log.warn("Storing the bundle of build {} failed", build.getId(), ex);
            return new Retry(StoredText.of("bundle.copy.store-failed", message(ex)));
        } finally {
            staged.forEach(store::discard);
        }
    }

    /** MD5 by file name, for names that occur once (Jenkins' fingerprints name files without their path). */
    private static Map<String, String> fingerprints(JenkinsApi.Fingerprints found) {
        Map<String, String> byName = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (JenkinsApi.Fingerprint f : found.orEmpty()) {
            if (f.fileName() != null && f.hash() != null) {
                byName.put(f.fileName(), f.hash());
                count.merge(f.fileName(), 1, Integer::sum);
            }
        }
        count.forEach((name, n) -> {
            if (n > 1) {
                byName.remove(name);
            }
        });
        return byName;
    }

    private static String message(Throwable ex) {
        String m = ex.getMessage();
        return ex.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
