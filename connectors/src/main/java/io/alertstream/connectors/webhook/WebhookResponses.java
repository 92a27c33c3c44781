package io.alertstream.connectors.webhook;

import io.alertstream.connectors.notification.DeliveryOutcome;

/**
 * Classifies a webhook's HTTP status: 2xx delivered; 408, 429 and 5xx retried (the receiver is
 * overloaded or down); any other status (4xx, and 3xx because redirects are not followed) rejected, since
 * sending the same request again cannot succeed.
 */
public final class WebhookResponses {
    private WebhookResponses() {
    }

    public static DeliveryOutcome classify(int status, String describedUrl) {
        if (status >= 200 && status < 300) {
            return DeliveryOutcome.delivered();
        }
        String reason = describedUrl + " answered HTTP " + status;
        if (status == 408 || status == 429 || status >= 500) {
            return DeliveryOutcome.retry(reason);
        }
        return DeliveryOutcome.rejected(reason);
    }
}
