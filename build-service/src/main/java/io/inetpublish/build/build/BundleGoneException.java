package io.inetpublish.build.build;

import io.inetpublish.common.web.ApiException;
import org.springframework.http.HttpStatus;

/** 410: the build's bundle was removed by the retention setting (problem type {@code bundle-expired}). */
public class BundleGoneException extends ApiException {

    public BundleGoneException(Object buildId) {
        super(HttpStatus.GONE, "bundle-expired", "bundle.expired", buildId);
    }
}
